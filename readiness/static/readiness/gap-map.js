/* Communes coloured by the worst gap of the chosen scenario: red under half the need covered,
   orange under 100 %, green covered. Works without tiles; names are set with textContent only. */
(function () {
  "use strict";
  var el = document.getElementById("readiness-map");
  var data = document.getElementById("readiness-points");
  if (!el || !data || !window.L) return;
  var points = JSON.parse(data.textContent);
  var d = el.dataset;
  var map = L.map(el, { minZoom: 5, maxZoom: 18 });
  if (d.tiles) L.tileLayer(d.tiles, { maxZoom: 18, attribution: "&copy; OpenStreetMap" }).addTo(map);
  // Each point is [lat, lng, worst cover %, kinds short, name] and, measured against each
  // commune's next scenario, that scenario's name.
  function colour(cover, short) {
    if (!short) return "#198754";
    if (cover < 50) return "#dc3545";
    return "#fd7e14";
  }
  var bounds = [];
  var canvas = L.canvas();
  points.forEach(function (p) {
    var marker = L.circleMarker([p[0], p[1]], { renderer: canvas, radius: 7, color: colour(p[2], p[3]), fillOpacity: 0.8, weight: 1 });
    marker.bindPopup(function () {
      var box = document.createElement("div");
      var name = document.createElement("strong");
      name.textContent = p[4];
      box.appendChild(name);
      box.appendChild(document.createElement("br"));
      if (p[5]) {
        box.appendChild(document.createTextNode(d.labelNext + ": " + p[5]));
        box.appendChild(document.createElement("br"));
      }
      box.appendChild(document.createTextNode(d.labelCover + ": " + p[2] + "% — " + d.labelShort + ": " + p[3]));
      return box;
    });
    marker.addTo(map);
    bounds.push([p[0], p[1]]);
  });
  if (bounds.length) map.fitBounds(bounds, { padding: [20, 20], maxZoom: 13 });
  else map.setView([12.5, 107.7], 8);
})();
