/* Village coverage on a map: red never reached, orange not in 30 days, yellow to green by how
   recently. */
(function () {
  "use strict";
  // Each village is [lat, lng, days since last reached (-1 never, null not in 30 days), name, commune].
  window.dotMap("coverage-map", "coverage-villages", {
    radius: 6,
    colour: function (v) {
      var days = v[2];
      if (days === -1) return "#dc3545";
      if (days === null) return "#fd7e14";
      if (days < 7) return "#198754";
      if (days < 14) return "#8bc34a";
      return "#ffc107";
    },
    name: function (v) { return v[3]; },
    lines: function (v, d) {
      var days = v[2];
      var state = days === -1 ? d.labelNever : days === null ? d.labelOld : d.labelDays + ": " + days;
      return [v[4] + " — " + state];
    }
  });
})();
