/* Village coverage on a map: red never reached, orange not in 30 days, yellow to green by how
   recently. Works without tiles (the dots alone); names are set with textContent only. */
(function () {
  "use strict";
  var el = document.getElementById("coverage-map");
  var data = document.getElementById("coverage-villages");
  if (!el || !data || !window.L) return;
  var villages = JSON.parse(data.textContent);
  var d = el.dataset;
  var map = L.map(el, { minZoom: 5, maxZoom: 18 });
  if (d.tiles) L.tileLayer(d.tiles, { maxZoom: 18, attribution: "&copy; OpenStreetMap" }).addTo(map);
  // Each village is [lat, lng, days since last reached (-1 never, null not in 30 days), name, commune].
  function colour(days) {
    if (days === -1) return "#dc3545";
    if (days === null) return "#fd7e14";
    if (days < 7) return "#198754";
    if (days < 14) return "#8bc34a";
    return "#ffc107";
  }
  var bounds = [];
  var canvas = L.canvas();
  villages.forEach(function (v) {
    var days = v[2];
    var marker = L.circleMarker([v[0], v[1]], { renderer: canvas, radius: 6, color: colour(days), fillOpacity: 0.8, weight: 1 });
    marker.bindPopup(function () {
      var box = document.createElement("div");
      var name = document.createElement("strong");
      name.textContent = v[3];
      box.appendChild(name);
      box.appendChild(document.createElement("br"));
      var state = days === -1 ? d.labelNever : days === null ? d.labelOld : d.labelDays + ": " + days;
      box.appendChild(document.createTextNode(v[4] + " — " + state));
      return box;
    });
    marker.addTo(map);
    bounds.push([v[0], v[1]]);
  });
  if (bounds.length) map.fitBounds(bounds, { padding: [20, 20], maxZoom: 13 });
  else map.setView([12.5, 107.7], 8);
})();
