/* A map of dots read from a JSON list on the page, each [lat, lng, …]: the page's script says
   each dot's colour, name and the lines of its popup. Works without tiles (the dots alone);
   text is set with textContent only. */
window.dotMap = function (mapId, dataId, dots) {
  "use strict";
  var el = document.getElementById(mapId);
  var data = document.getElementById(dataId);
  if (!el || !data || !window.L) return;
  var points = JSON.parse(data.textContent);
  var d = el.dataset;
  var map = L.map(el, { minZoom: 5, maxZoom: 18 });
  if (d.tiles) L.tileLayer(d.tiles, { maxZoom: 18, attribution: "&copy; OpenStreetMap" }).addTo(map);
  var bounds = [];
  var canvas = L.canvas();
  points.forEach(function (p) {
    var marker = L.circleMarker([p[0], p[1]], { renderer: canvas, radius: dots.radius, color: dots.colour(p), fillOpacity: 0.8, weight: 1 });
    marker.bindPopup(function () {
      var box = document.createElement("div");
      var name = document.createElement("strong");
      name.textContent = dots.name(p);
      box.appendChild(name);
      dots.lines(p, d).forEach(function (line) {
        box.appendChild(document.createElement("br"));
        box.appendChild(document.createTextNode(line));
      });
      return box;
    });
    marker.addTo(map);
    bounds.push([p[0], p[1]]);
  });
  if (bounds.length) map.fitBounds(bounds, { padding: [20, 20], maxZoom: 13 });
  else map.setView([12.5, 107.7], 8);
};
