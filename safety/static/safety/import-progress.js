// Start showing progress as soon as a check or an import is asked for.
document.addEventListener("htmx:beforeRequest", function (event) {
  var form = event.detail.elt;
  if (form && form.dataset && form.dataset.progress) {
    htmx.ajax("GET", form.dataset.progress, {target: "#job-progress", swap: "innerHTML"});
  }
});
