// Draws every chart of the page: <div class="chart" data-spec="ID"> gets the
// Vega-Lite spec held in <script type="application/json" id="ID">.
// Expressions are interpreted (vega-interpreter), never compiled with eval,
// so the page's Content-Security-Policy can forbid eval.
(function () {
  "use strict";
  function draw(el) {
    var source = document.getElementById(el.getAttribute("data-spec"));
    if (!source) { return; }
    var spec = JSON.parse(source.textContent);
    vegaEmbed(el, spec, {
      mode: "vega-lite",
      renderer: "svg",
      actions: false,
      ast: true,
      expr: vega.expressionInterpreter,
      defaultStyle: false,
      tooltip: { disableDefaultStyle: true }
    }).catch(function (error) {
      el.textContent = "The chart could not be drawn: " + error.message;
      el.classList.add("chart-error");
    });
  }
  document.querySelectorAll(".chart[data-spec]").forEach(draw);
})();
