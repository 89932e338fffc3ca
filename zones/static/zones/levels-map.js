/* The map coloured by risk level: one disc per unit at its centre, from /api/v1/public/levels.
   Names come from the data and are only ever set with textContent. Without tiles the discs
   are drawn on a plain background; without JavaScript the table below the map stays. */
(function () {
  "use strict";
  var el = document.getElementById("levels-map");
  if (!el || !window.L) return;
  var d = el.dataset;
  var status = document.getElementById("map-status");
  var map = L.map(el, { minZoom: 4, maxZoom: 16 });
  map.setView([14.0, 108.0], 6);
  if (d.tiles) {
    L.tileLayer(d.tiles, { maxZoom: 19, attribution: "&copy; OpenStreetMap" }).addTo(map);
  }

  function node(tag, className, text) {
    var n = document.createElement(tag);
    if (className) n.className = className;
    if (text !== undefined) n.textContent = text;
    return n;
  }

  function popup(u) {
    var box = node("div");
    var link = node("a", "fw-semibold", u.name);
    link.href = d.unitUrl.replace("SCHEME", encodeURIComponent(d.scheme)).replace("CODE", encodeURIComponent(u.code));
    box.appendChild(link);
    var badge = node("div", "badge mt-1", u.level_name);
    badge.style.background = u.colour;
    badge.style.color = u.text_colour;
    box.appendChild(node("br"));
    box.appendChild(badge);
    if (u.overridden) box.appendChild(node("div", "small text-muted", d.labelOverridden));
    return box;
  }

  fetch(d.api, { headers: { Accept: "application/json" } })
    .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
    .then(function (data) {
      var bounds = [];
      data.units.forEach(function (u) {
        if (u.latitude === null || u.longitude === null) return;
        var marker = L.circleMarker([u.latitude, u.longitude], {
          radius: data.level === "commune" ? 8 : 14, color: "#ffffff", weight: 1.5,
          fillColor: u.colour, fillOpacity: 0.9
        });
        marker.bindPopup(function () { return popup(u); });
        marker.bindTooltip(u.name);
        marker.addTo(map);
        bounds.push([u.latitude, u.longitude]);
      });
      if (bounds.length) map.fitBounds(bounds, { padding: [20, 20], maxZoom: 11 });
    })
    .catch(function () { if (status) status.textContent = d.labelError; });
})();
