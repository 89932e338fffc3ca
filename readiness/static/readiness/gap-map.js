/* Communes coloured by the worst gap of the chosen scenario: red under half the need covered,
   orange under 100 %, green covered. */
(function () {
  "use strict";
  // Each point is [lat, lng, worst cover %, kinds short, name] and, measured against each
  // commune's next scenario, that scenario's name.
  window.dotMap("readiness-map", "readiness-points", {
    radius: 7,
    colour: function (p) {
      if (!p[3]) return "#198754";
      if (p[2] < 50) return "#dc3545";
      return "#fd7e14";
    },
    name: function (p) { return p[4]; },
    lines: function (p, d) {
      var lines = p[5] ? [d.labelNext + ": " + p[5]] : [];
      lines.push(d.labelCover + ": " + p[2] + "% — " + d.labelShort + ": " + p[3]);
      return lines;
    }
  });
})();
