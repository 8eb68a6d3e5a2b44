// Small progressive enhancements; every page works without JavaScript. No page carries inline
// script or event-handler attributes (the Content Security Policy forbids them): behaviour
// hangs on data- attributes here.
document.addEventListener("DOMContentLoaded", function () {
  var toggle = document.querySelector(".nav-toggle");
  var nav = document.getElementById("nav-utama");
  if (toggle && nav) {
    toggle.addEventListener("click", function () {
      var open = nav.classList.toggle("terbuka");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }

  // <select data-kirim-otomatis>: choosing a value submits its form (the button is in <noscript>).
  document.querySelectorAll("select[data-kirim-otomatis]").forEach(function (pilih) {
    pilih.addEventListener("change", function () {
      pilih.form.submit();
    });
  });

  // <col data-lebar="12.5">: column widths of the report tables, in percent.
  document.querySelectorAll("col[data-lebar]").forEach(function (kolom) {
    kolom.style.width = kolom.dataset.lebar + "%";
  });
});
