// Draws every Plotly figure on the page. Each figure is a <script type="application/json"
// data-chart-for="ID"> holding the figure that reporting/charts built in Python; the chart
// is drawn into the element with that id. With no JavaScript the data table beside it
// carries the same numbers.
(function () {
  function draw() {
    if (!window.Plotly) return;
    document.querySelectorAll("script[data-chart-for]").forEach(function (source) {
      var target = document.getElementById(source.dataset.chartFor);
      if (!target || target.dataset.drawn) return;
      var figure = JSON.parse(source.textContent);
      var config = { responsive: true, displaylogo: false, displayModeBar: false };
      window.Plotly.newPlot(target, figure.data, figure.layout, config).then(function () {
        target.dataset.drawn = "true";
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
  document.addEventListener("htmx:afterSettle", draw);
})();
