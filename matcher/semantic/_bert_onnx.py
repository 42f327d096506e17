"""Convert a BERT encoder's weights (safetensors, as Hugging Face ships them) into an ONNX graph.

Why a converter of our own: the model is published as safetensors weights, onnxruntime needs an
ONNX graph, and the usual exporter (`torch.onnx`) needs PyTorch, which users must not have to
install. BERT is a short, fixed recipe, so the graph is written here with ONNX's own helper API,
operator for operator as `transformers`' `BertModel` computes it (embeddings, then per layer:
self-attention, residual + LayerNorm, GELU feed-forward, residual + LayerNorm), and outputs the
last hidden state, the same interface as a `torch.onnx` export. The tests check its vectors
against sentence-transformers on PyTorch to 1e-4.

The output is deterministic: the same weights give the same bytes.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import onnx
from numpy.typing import NDArray
from onnx import TensorProto, helper, numpy_helper

from matcher.semantic._model import UnsupportedModel

OPSET = 17  # the first with LayerNormalization; onnxruntime has run it since 1.14
IR_VERSION = 8
INPUTS = ("input_ids", "attention_mask", "token_type_ids")
OUTPUT = "last_hidden_state"


@dataclass(frozen=True)
class BertShape:
    """The numbers of config.json that decide the graph."""

    hidden_size: int
    heads: int
    layers: int
    layer_norm_eps: float

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> BertShape:
        """Read config.json, refusing what this converter does not build (another activation, relative positions)."""
        expected = {"model_type": "bert", "hidden_act": "gelu", "position_embedding_type": "absolute"}
        for key, value in expected.items():
            if config.get(key, value) != value:
                raise UnsupportedModel(f"config.json: {key} is {config.get(key)!r}, only {value!r} is supported")
        try:
            shape = cls(
                int(config["hidden_size"]),
                int(config["num_attention_heads"]),
                int(config["num_hidden_layers"]),
                float(config["layer_norm_eps"]),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise UnsupportedModel(f"config.json: missing or bad {error}") from None
        if shape.hidden_size % shape.heads:
            raise UnsupportedModel("config.json: hidden_size is not a multiple of num_attention_heads")
        return shape


def bert_to_onnx(weights: Mapping[str, NDArray[Any]], shape: BertShape) -> bytes:
    """The serialized ONNX model of the BERT encoder with these weights (the pooler is not part of it)."""
    try:
        graph = _Graph(weights, shape).build()
    except KeyError as error:
        raise UnsupportedModel(f"model.safetensors: no tensor named {error}") from None
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="pledgewatch")
    model.ir_version = IR_VERSION
    onnx.checker.check_model(model)
    serialized: bytes = model.SerializeToString()
    return serialized


class _Graph:
    """Accumulates nodes and initializers; each method adds one step of BERT and returns its output's name."""

    def __init__(self, weights: Mapping[str, NDArray[Any]], shape: BertShape) -> None:
        self.weights = weights
        self.shape = shape
        self.nodes: list[onnx.NodeProto] = []
        self.initializers: list[onnx.TensorProto] = []
        self.float_one = self.constant("float_one", 1.0)

    def build(self) -> onnx.GraphProto:
        hidden = self.embeddings()
        mask = self.attention_bias()
        for index in range(self.shape.layers):
            hidden = self.layer(hidden, mask, index, last=index == self.shape.layers - 1)
        ids = [helper.make_tensor_value_info(name, TensorProto.INT64, ["batch", "sequence"]) for name in INPUTS]
        output = helper.make_tensor_value_info(OUTPUT, TensorProto.FLOAT, ["batch", "sequence", self.shape.hidden_size])
        return helper.make_graph(self.nodes, "bert", ids, [output], self.initializers)

    def constant(self, name: str, value: NDArray[Any] | float | int) -> str:
        """An initializer: a Python int becomes int64, a float float32, an array keeps its type and shape."""
        if isinstance(value, int):
            array = np.array(value, dtype=np.int64)
        elif isinstance(value, float):
            array = np.array(value, dtype=np.float32)
        else:
            array = np.array(value, order="C")
        self.initializers.append(numpy_helper.from_array(array, name))
        return name

    def weight(self, name: str) -> str:
        return self.constant(name, self.weights[name])

    def node(self, op: str, inputs: list[str], output: str, **attributes: Any) -> str:
        self.nodes.append(helper.make_node(op, inputs, [output], name=output, **attributes))
        return output

    def linear(self, x: str, prefix: str) -> str:
        """x·Wᵀ + b; the transpose is done once here, not at every run."""
        transposed = self.constant(f"{prefix}.weight.T", self.weights[f"{prefix}.weight"].T)
        product = self.node("MatMul", [x, transposed], f"{prefix}.matmul")
        return self.node("Add", [product, self.weight(f"{prefix}.bias")], f"{prefix}.out")

    def layer_norm(self, x: str, prefix: str, output: str) -> str:
        scale, bias = self.weight(f"{prefix}.weight"), self.weight(f"{prefix}.bias")
        return self.node("LayerNormalization", [x, scale, bias], output, axis=-1, epsilon=self.shape.layer_norm_eps)

    def embeddings(self) -> str:
        """word + position + token type embeddings, then LayerNorm; positions are 0…length-1."""
        words = self.node("Gather", [self.weight("embeddings.word_embeddings.weight"), "input_ids"], "words")
        types = self.node("Gather", [self.weight("embeddings.token_type_embeddings.weight"), "token_type_ids"], "types")
        ids_shape = self.node("Shape", ["input_ids"], "ids_shape")
        length = self.node("Gather", [ids_shape, self.constant("one", 1)], "length", axis=0)
        positions = self.node("Range", [self.constant("zero", 0), length, "one"], "positions")
        places = self.node("Gather", [self.weight("embeddings.position_embeddings.weight"), positions], "places")
        total = self.node("Add", [self.node("Add", [words, types], "words_types"), places], "embedded")
        return self.layer_norm(total, "embeddings.LayerNorm", "embeddings")

    def attention_bias(self) -> str:
        """0 where the mask is 1, float32's lowest where it is 0 (padding): added to the attention scores."""
        mask = self.node("Cast", ["attention_mask"], "mask_float", to=TensorProto.FLOAT)
        padding = self.node("Sub", [self.float_one, mask], "padding")
        lowest = self.constant("lowest", float(np.finfo(np.float32).min))
        bias = self.node("Mul", [padding, lowest], "padding_bias")
        return self.node("Unsqueeze", [bias, self.constant("head_and_query_axes", np.array([1, 2]))], "attention_bias")

    def layer(self, hidden: str, bias: str, index: int, *, last: bool) -> str:
        prefix = f"encoder.layer.{index}"
        attended = self.self_attention(hidden, bias, f"{prefix}.attention.self")
        projected = self.linear(attended, f"{prefix}.attention.output.dense")
        residual = self.node("Add", [projected, hidden], f"{prefix}.attention.residual")
        hidden = self.layer_norm(residual, f"{prefix}.attention.output.LayerNorm", f"{prefix}.attention.normed")
        widened = self.gelu(self.linear(hidden, f"{prefix}.intermediate.dense"), f"{prefix}.intermediate")
        narrowed = self.linear(widened, f"{prefix}.output.dense")
        residual = self.node("Add", [narrowed, hidden], f"{prefix}.output.residual")
        return self.layer_norm(residual, f"{prefix}.output.LayerNorm", OUTPUT if last else f"{prefix}.out")

    def self_attention(self, hidden: str, bias: str, prefix: str) -> str:
        """softmax(Q·Kᵀ/√d + bias)·V per head, heads merged back into one vector per token."""
        head_size = self.shape.hidden_size // self.shape.heads
        split = self.constant(f"{prefix}.split", np.array([0, 0, self.shape.heads, head_size]))
        merged = self.constant(f"{prefix}.merge", np.array([0, 0, self.shape.hidden_size]))

        def heads(name: str, perm: list[int]) -> str:
            per_head = self.node("Reshape", [self.linear(hidden, f"{prefix}.{name}"), split], f"{prefix}.{name}.heads")
            return self.node("Transpose", [per_head], f"{prefix}.{name}.t", perm=perm)

        query, key, value = heads("query", [0, 2, 1, 3]), heads("key", [0, 2, 3, 1]), heads("value", [0, 2, 1, 3])
        scores = self.node("MatMul", [query, key], f"{prefix}.scores")
        scale = self.constant(f"{prefix}.scale", 1 / math.sqrt(head_size))
        scaled = self.node("Mul", [scores, scale], f"{prefix}.scaled")
        weights = self.node("Softmax", [self.node("Add", [scaled, bias], f"{prefix}.masked")], f"{prefix}.p", axis=-1)
        context = self.node("MatMul", [weights, value], f"{prefix}.context")
        context = self.node("Transpose", [context], f"{prefix}.context.t", perm=[0, 2, 1, 3])
        return self.node("Reshape", [context, merged], f"{prefix}.merged")

    def gelu(self, x: str, prefix: str) -> str:
        """The exact GELU BERT uses, x·½·(1 + erf(x/√2)), not the tanh approximation."""
        scaled = self.node("Div", [x, self.constant(f"{prefix}.sqrt2", math.sqrt(2))], f"{prefix}.xs")
        plus_one = self.node("Add", [self.node("Erf", [scaled], f"{prefix}.erf"), self.float_one], f"{prefix}.erf1")
        halved = self.constant(f"{prefix}.half", 0.5)
        return self.node("Mul", [self.node("Mul", [x, plus_one], f"{prefix}.xerf"), halved], f"{prefix}.gelu")
