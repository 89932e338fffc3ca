// "Use my location" on the home page: sends the position with the search form.
(function () {
  var button = document.getElementById("share-location");
  if (!button || !navigator.geolocation) { return; }
  button.hidden = false;
  var form = document.getElementById("where-form");
  var status = document.getElementById("share-status");
  button.addEventListener("click", function () {
    navigator.geolocation.getCurrentPosition(function (position) {
      form.elements.lat.value = position.coords.latitude.toFixed(6);
      form.elements.lon.value = position.coords.longitude.toFixed(6);
      form.elements.q.value = "";
      form.submit();
    }, function () {
      status.textContent = button.dataset.failed;
    }, { timeout: 15000 });
  });
})();
