// "Use my location": fills the latitude and longitude fields of the report form.
(function () {
  var button = document.getElementById("use-location");
  if (!button || !navigator.geolocation) { if (button) { button.hidden = true; } return; }
  var status = document.getElementById("location-status");
  button.addEventListener("click", function () {
    status.textContent = button.dataset.waiting;
    navigator.geolocation.getCurrentPosition(function (position) {
      document.getElementById("id_lat").value = position.coords.latitude.toFixed(6);
      document.getElementById("id_lon").value = position.coords.longitude.toFixed(6);
      status.textContent = button.dataset.done;
    }, function () {
      status.textContent = button.dataset.failed;
    }, { enableHighAccuracy: true, timeout: 15000 });
  });
})();
