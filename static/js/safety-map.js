/* The public safety map: clusters and places from /api/v1/public/places for the current view.
   Names come from the public and may hold markup: they are only ever set with textContent. */
(function () {
  "use strict";
  var el = document.getElementById("safety-map");
  var form = document.getElementById("map-filters");
  if (!el || !form) return;

  // Filters apply by reloading the page, so the list below the map follows them too.
  form.querySelectorAll("[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { form.submit(); });
  });
  if (!window.L) return;

  var d = el.dataset;
  var status = document.getElementById("map-status");
  var labels = {};
  document.querySelectorAll(".map-legend [data-state]").forEach(function (item) {
    labels[item.dataset.state] = { text: item.textContent.trim(), colour: item.dataset.colour };
  });

  var map = L.map(el, { minZoom: 3, maxZoom: 19, worldCopyJump: true });
  if (d.bounds) {
    var b = d.bounds.split(",").map(Number);
    map.fitBounds([[b[0], b[1]], [b[2], b[3]]]);
  } else {
    map.setView([Number(d.lat), Number(d.lng)], Number(d.zoom));
  }
  if (d.tiles) {
    L.tileLayer(d.tiles, { maxZoom: 19, attribution: "&copy; OpenStreetMap" }).addTo(map);
  }
  var layer = L.layerGroup().addTo(map);

  function node(tag, className, text) {
    var n = document.createElement(tag);
    if (className) n.className = className;
    if (text !== undefined) n.textContent = text;
    return n;
  }

  function popup(p) {
    var box = node("div", "map-popup");
    var link = node("a", "fw-semibold", p.name);
    link.href = p.url;
    box.appendChild(link);
    box.appendChild(node("div", "small text-muted", p.type_name));
    var badge = node("span", "badge", p.state_label);
    badge.style.background = p.colour;
    box.appendChild(badge);
    if (p.suspended) box.appendChild(node("span", "badge text-bg-secondary ms-1", d.labelSuspended));
    var more = node("div", "mt-1");
    var details = node("a", "", d.labelDetails);
    details.href = p.url;
    more.appendChild(details);
    box.appendChild(more);
    return box;
  }

  function placeMarker(f) {
    var p = f.properties, c = f.geometry.coordinates;
    var marker = L.circleMarker([c[1], c[0]], {
      radius: 9, color: p.suspended ? "#212529" : "#ffffff", weight: 2,
      dashArray: p.suspended ? "3 3" : null, fillColor: p.colour, fillOpacity: p.suspended ? 0.55 : 0.95
    });
    marker.bindPopup(function () { return popup(p); });
    return marker;
  }

  // A cluster is a disc split by state (a conic gradient built from numbers only).
  function clusterMarker(f) {
    var p = f.properties, c = f.geometry.coordinates, stops = [], at = 0;
    Object.keys(p.counts).forEach(function (state) {
      var share = (p.counts[state] / p.count) * 360;
      if (share > 0 && labels[state]) {
        stops.push(labels[state].colour + " " + at + "deg " + (at + share) + "deg");
        at += share;
      }
    });
    var size = p.count < 10 ? 24 : p.count < 100 ? 30 : p.count < 1000 ? 36 : 44;
    var disc = node("div", "map-cluster");
    disc.style.background = "conic-gradient(" + stops.join(",") + ")";
    disc.style.width = disc.style.height = size + "px";
    disc.appendChild(node("span", "", String(p.count)));
    var title = [p.count + " " + d.labelPlaces];
    Object.keys(p.counts).forEach(function (state) {
      if (p.counts[state] && labels[state]) title.push(labels[state].text + ": " + p.counts[state]);
    });
    disc.title = title.join("\n");
    var marker = L.marker([c[1], c[0]], {
      icon: L.divIcon({ html: disc, className: "", iconSize: [size, size] }), keyboard: true
    });
    marker.on("click", function () { map.setView(marker.getLatLng(), Math.min(map.getZoom() + 2, 19)); });
    return marker;
  }

  function clamp(v, lo, hi) { return Math.max(lo, Math.min(hi, v)); }
  var pending = null;

  function load() {
    var b = map.getBounds(), center = map.getCenter();
    var w = clamp(b.getWest(), -180, 180), e = clamp(b.getEast(), -180, 180);
    var s = clamp(b.getSouth(), -90, 90), n = clamp(b.getNorth(), -90, 90);
    form.elements.lat.value = center.lat.toFixed(5);
    form.elements.lng.value = center.lng.toFixed(5);
    form.elements.z.value = map.getZoom();
    if (!(w < e && s < n)) return;
    var params = new URLSearchParams({ bbox: [w, s, e, n].map(function (x) { return x.toFixed(5); }).join(","),
                                       zoom: String(Math.round(map.getZoom())) });
    ["type", "state", "unit"].forEach(function (k) { if (d[k]) params.set(k, d[k]); });
    if (pending) pending.abort();
    pending = new AbortController();
    fetch(d.api + "?" + params.toString(), { signal: pending.signal, headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (fc) {
        layer.clearLayers();
        fc.features.forEach(function (f) {
          layer.addLayer(f.properties.cluster ? clusterMarker(f) : placeMarker(f));
        });
        status.textContent = "";
      })
      .catch(function (err) { if (err.name !== "AbortError") status.textContent = d.labelError; });
  }

  var timer = null;
  map.on("moveend", function () { clearTimeout(timer); timer = setTimeout(load, 200); });
  load();

  // Search as you type: a short list of places; choosing one shows it on the map.
  var input = document.getElementById("map-search");
  var results = document.getElementById("map-search-results");
  var searchTimer = null;
  function showResults(items) {
    results.replaceChildren();
    items.forEach(function (p) {
      var item = node("button", "list-group-item list-group-item-action py-1");
      item.type = "button";
      item.appendChild(node("span", "map-dot", ""));
      item.firstChild.style.background = p.colour;
      item.appendChild(node("span", "fw-semibold", p.name));
      item.appendChild(node("span", "small text-muted ms-1", p.address));
      item.addEventListener("click", function () {
        results.hidden = true;
        map.setView([p.latitude, p.longitude], 17);
        L.popup().setLatLng([p.latitude, p.longitude]).setContent(popup(p)).openOn(map);
      });
      results.appendChild(item);
    });
    results.hidden = items.length === 0;
  }
  if (input && results) {
    input.addEventListener("input", function () {
      clearTimeout(searchTimer);
      var q = input.value.trim();
      if (q.length < 2) { showResults([]); return; }
      searchTimer = setTimeout(function () {
        fetch(d.searchApi + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
          .then(function (r) { return r.ok ? r.json() : []; })
          .then(showResults)
          .catch(function () { showResults([]); });
      }, 250);
    });
    input.addEventListener("keydown", function (ev) { if (ev.key === "Escape") results.hidden = true; });
  }
})();
