// Redraw the charts to the paper's width before printing, and back after: a board paper.
(function () {
  function resize() {
    if (!window.Plotly) return;
    document.querySelectorAll(".app-chart__plot[data-drawn]").forEach(function (plot) {
      window.Plotly.Plots.resize(plot);
    });
  }
  window.addEventListener("beforeprint", resize);
  window.addEventListener("afterprint", resize);
})();
