"""The site's stylesheet and filter script, inlined into each page so it works alone, from file://, offline.

Colours are chosen for contrast: every text colour on its background is at least 4.5:1 (WCAG AA);
a status is never told by colour alone (its name is always written).
"""

from __future__ import annotations

from report.html import trusted

STYLE = trusted(
    """
:root { color-scheme: light; --ink: #1f2937; --muted: #4b5563; --line: #d1d5db; --paper: #ffffff;
  --wash: #f3f4f6; --accent: #1d4ed8; --progress: #15803d; --setback: #b91c1c; --mention: #6b7280; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  color: var(--ink); background: var(--paper); }
a { color: var(--accent); }
a:focus-visible, select:focus-visible, button:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
header.site, main, footer { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
header.site { padding-top: 1.5rem; }
h1 { font-size: 1.75rem; line-height: 1.2; margin: 0 0 .5rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .75rem; }
.meta, .note { color: var(--muted); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap; }
.badge { display: inline-block; padding: .1rem .55rem; border-radius: 999px; font-size: .85rem;
  font-weight: 600; white-space: nowrap; border: 1px solid transparent; }
.s-no-news { background: #e5e7eb; color: #374151; }
.s-talk-only { background: #e0e7ff; color: #3730a3; }
.s-in-progress { background: #dcfce7; color: #166534; }
.s-stalled { background: #fef9c3; color: #854d0e; }
.s-at-risk { background: #ffedd5; color: #9a3412; }
.s-overdue { background: #fee2e2; color: #991b1b; }
.s-delivered { background: #166534; color: #ffffff; }
.totals { display: flex; flex-wrap: wrap; gap: .5rem 1rem; list-style: none; padding: 0; margin: 1rem 0; }
.filters { display: flex; flex-wrap: wrap; gap: .75rem 1rem; align-items: end; margin: 1rem 0;
  padding: .75rem; background: var(--wash); border-radius: .5rem; }
.filters label { display: flex; flex-direction: column; font-size: .9rem; font-weight: 600; }
.filters select, .filters button { font: inherit; font-weight: 400; padding: .35rem .5rem; min-height: 2.5rem;
  border: 1px solid #6b7280; border-radius: .375rem; background: var(--paper); color: var(--ink); max-width: 100%; }
.filters output { color: var(--muted); align-self: center; }
table.pledges { width: 100%; border-collapse: collapse; }
table.pledges th, table.pledges td { text-align: left; vertical-align: top; padding: .6rem .5rem;
  border-bottom: 1px solid var(--line); }
table.pledges thead th { font-size: .85rem; color: var(--muted); border-bottom: 2px solid var(--line); }
table.pledges tbody th { font-weight: 600; }
.sparkline { display: block; }
table.pledges time { white-space: nowrap; }
figure { margin: 0; }
.countdown { display: block; font-size: .85rem; color: var(--muted); }
.countdown.passed { color: #991b1b; font-weight: 600; }
blockquote { margin: 0; padding: .75rem 1rem; border-left: 4px solid var(--line); background: var(--wash); }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 1rem 0; }
.facts dt { font-weight: 600; }
.facts dd { margin: 0; }
.reasons { padding-left: 1.25rem; }
.chart { width: 100%; height: auto; max-width: 48rem; display: block; }
.axis { display: flex; justify-content: space-between; gap: .5rem; max-width: 48rem; margin: .25rem 0 0;
  font-size: .85rem; color: var(--muted); }
.axis span:nth-child(2) { text-align: center; }
.axis span:first-child, .axis span:last-child { white-space: nowrap; }
.legend { display: flex; flex-wrap: wrap; gap: .25rem 1rem; list-style: none; padding: 0; font-size: .9rem; }
.swatch { display: inline-block; width: .8rem; height: .8rem; border-radius: 2px; margin-right: .35rem;
  vertical-align: -.05rem; }
.timeline { list-style: none; padding: 0; margin: 0; }
.timeline li { padding: .6rem 0 .6rem .9rem; border-left: 4px solid var(--mention); margin-bottom: .25rem; }
.timeline li.signal-progress { border-left-color: var(--progress); }
.timeline li.signal-setback { border-left-color: var(--setback); }
.timeline .when { font-size: .9rem; color: var(--muted); }
.signal { font-weight: 600; font-size: .85rem; }
.signal-progress .signal { color: var(--progress); }
.signal-setback .signal { color: var(--setback); }
.signal-mention .signal { color: #4b5563; }
footer { margin-top: 3rem; padding-bottom: 2rem; border-top: 1px solid var(--line); color: var(--muted);
  font-size: .9rem; }
footer dl { display: grid; grid-template-columns: max-content 1fr; gap: .35rem 1rem; }
footer dd { margin: 0; }
@media (max-width: 44rem) {
  table.pledges thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.pledges, table.pledges tbody, table.pledges tr, table.pledges th, table.pledges td { display: block; }
  table.pledges tr { border: 1px solid var(--line); border-radius: .5rem; margin-bottom: .75rem; padding: .25rem 0; }
  table.pledges th, table.pledges td { border: 0; padding: .3rem .75rem; }
  table.pledges td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; color: var(--muted); }
  table.pledges td.spark::before { display: block; }
  .facts, footer dl { grid-template-columns: 1fr; }
  .facts dd, footer dd { margin-bottom: .5rem; }
}
"""
)

FILTER_SCRIPT = trusted(
    """
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  var fields = ["section", "kind", "status"];
  var rows = Array.prototype.slice.call(document.querySelectorAll("tbody tr[data-status]"));
  var shown = document.getElementById("shown");
  var none = document.getElementById("none");
  function chosen() {
    var values = {};
    fields.forEach(function (field) { values[field] = form.elements[field].value; });
    return values;
  }
  function remember(values) {
    var params = new URLSearchParams();
    fields.forEach(function (field) { if (values[field]) { params.set(field, values[field]); } });
    var query = params.toString();
    try {
      history.replaceState(null, "", query ? "#" + query : location.pathname + location.search);
    } catch (refused) {
      /* some browsers refuse history changes on file:// pages; the filter works all the same */
    }
  }
  function apply() {
    var values = chosen();
    var count = 0;
    rows.forEach(function (row) {
      var keep = fields.every(function (field) { return !values[field] || row.dataset[field] === values[field]; });
      row.hidden = !keep;
      if (keep) { count += 1; }
    });
    shown.value = "Showing " + count + " of " + rows.length + " pledges";
    none.hidden = count !== 0;
    remember(values);
  }
  function restore() {
    var params = new URLSearchParams(location.hash.slice(1));
    fields.forEach(function (field) {
      var wanted = params.get(field);
      var select = form.elements[field];
      var known = Array.prototype.some.call(select.options, function (option) { return option.value === wanted; });
      if (wanted !== null && known) { select.value = wanted; }
    });
  }
  form.hidden = false;
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  document.getElementById("clear").addEventListener("click", function () {
    fields.forEach(function (field) { form.elements[field].value = ""; });
    apply();
  });
  restore();
  apply();
})();
"""
)
