// A <select data-submit-on-change> sends its form as soon as a choice is made (no inline handlers:
// the Content-Security-Policy allows no inline script).
document.addEventListener("change", function (event) {
  var field = event.target;
  if (field && field.matches && field.matches("[data-submit-on-change]") && field.form) {
    field.form.submit();
  }
});
