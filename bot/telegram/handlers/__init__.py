"""Command and button handlers, one module per family; `bot.telegram.application` registers them all."""
