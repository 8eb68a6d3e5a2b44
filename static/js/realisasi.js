// Realisation entry: mark rows with unsaved changes and warn before leaving the page.
// The live capaian preview and the per-row save are plain htmx attributes in the template.
(function () {
  "use strict";
  var belum = new Set();

  function tandai(tbody, kotor) {
    if (!tbody || !tbody.dataset.indikator) { return; }
    if (kotor) {
      belum.add(tbody.dataset.indikator);
      tbody.classList.add("belum-disimpan");
    } else {
      belum.delete(tbody.dataset.indikator);
      tbody.classList.remove("belum-disimpan");
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("form-realisasi");
    if (!form || !form.dataset.dapatUbah) { return; }
    form.addEventListener("input", function (e) {
      tandai(e.target.closest("tbody.baris-realisasi"), true);
    });
    // A full "save all" submits every row: nothing is lost by leaving.
    form.addEventListener("submit", function () { belum.clear(); });
    // A row saved through htmx comes back as a fresh <tbody>; it stays dirty only on an error.
    document.body.addEventListener("htmx:afterSettle", function (e) {
      var baru = e.detail.target;
      if (baru && baru.id && baru.id.indexOf("baris-") === 0) {
        var tbody = document.getElementById(baru.id);
        tandai(tbody, tbody && tbody.classList.contains("ada-galat"));
      }
    });
    window.addEventListener("beforeunload", function (e) {
      if (belum.size > 0) {
        e.preventDefault();
        e.returnValue = "";
      }
    });
  });
})();
