// Shows the block's or the partner's select under its radio only while that radio is
// chosen: the GOV.UK conditional reveal, without the aria-expanded attribute that GOV.UK
// Frontend sets on radios (not allowed on a radio by ARIA, so axe reports it). The select
// follows its radio, so a screen reader meets it next. Without JavaScript both selects
// are shown.
(function () {
  var radios = document.querySelectorAll("#pack-scope input[name=scope]");
  function reveal() {
    radios.forEach(function (radio) {
      var target = radio.getAttribute("data-reveals");
      if (target) {
        document
          .getElementById(target)
          .classList.toggle("govuk-radios__conditional--hidden", !radio.checked);
      }
    });
  }
  radios.forEach(function (radio) {
    radio.addEventListener("change", reveal);
  });
  reveal();
})();
