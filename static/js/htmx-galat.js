// Every failed htmx request shows a visible, specific message next to the element that sent it
// (a row save, a live preview, an export status): nothing fails silently. The messages are
// translated in the base template (#pesan-htmx data- attributes); a server's own message comes
// in the X-Pesan-Galat header (percent-encoded UTF-8). No inline script: the CSP forbids it.
(function () {
  "use strict";
  var milik = new WeakMap(); // element -> its message element

  function teks(kunci) {
    var kamus = document.getElementById("pesan-htmx");
    if (!kamus) { return ""; }
    return kamus.getAttribute("data-" + kunci) || kamus.getAttribute("data-lain") || "";
  }

  function pesanServer(xhr) {
    var mentah = xhr && xhr.getResponseHeader("X-Pesan-Galat");
    if (!mentah) { return ""; }
    try { return decodeURIComponent(mentah); } catch (e) { return ""; }
  }

  function pesanStatus(status) {
    if (status === 0) { return teks("jaringan"); }
    return teks("s" + status) || teks(status >= 500 ? "s500" : "lain");
  }

  function hapus(elt) {
    var lama = milik.get(elt);
    if (lama && lama.parentNode) { lama.parentNode.removeChild(lama); }
    milik.delete(elt);
    if (elt.removeAttribute) { elt.removeAttribute("aria-invalid"); }
  }

  // Where the message goes: the container named by the nearest data-galat-target, else right
  // after the element (a button, an input, a form), else the page's own message region.
  function tempat(elt) {
    var pemilik = elt.closest ? elt.closest("[data-galat-target]") : null;
    if (pemilik) {
      var wadah = document.querySelector(pemilik.getAttribute("data-galat-target"));
      if (wadah) { return { dalam: wadah }; }
    }
    if (elt.tagName && !/^(TR|TBODY|THEAD|TABLE|TD|TH)$/.test(elt.tagName) && elt.parentNode) {
      return { setelah: elt };
    }
    return { dalam: document.getElementById("galat-htmx-umum") || document.body };
  }

  function tampilkan(elt, pesan) {
    hapus(elt);
    var p = document.createElement("p");
    p.className = "galat galat-htmx";
    p.setAttribute("role", "alert");
    p.setAttribute("data-testid", "galat-htmx");
    p.textContent = pesan;
    var t = tempat(elt);
    if (t.setelah) {
      t.setelah.insertAdjacentElement("afterend", p);
    } else {
      t.dalam.hidden = false;
      t.dalam.appendChild(p);
    }
    milik.set(elt, p);
    if (elt.setAttribute) { elt.setAttribute("aria-invalid", "true"); }
  }

  document.addEventListener("htmx:beforeRequest", function (e) { hapus(e.detail.elt); });

  // A refused row save (409: locked or changed by someone else; 400: invalid input) comes back
  // as the row with its message: swap it in instead of treating it as a failure.
  document.addEventListener("htmx:beforeSwap", function (e) {
    var xhr = e.detail.xhr;
    if (xhr && (xhr.status === 400 || xhr.status === 409) && xhr.getResponseHeader("X-Tukar-Galat")) {
      e.detail.shouldSwap = true;
      e.detail.isError = false;
    }
  });

  document.addEventListener("htmx:responseError", function (e) {
    var xhr = e.detail.xhr;
    tampilkan(e.detail.elt, pesanServer(xhr) || pesanStatus(xhr ? xhr.status : 0));
  });
  document.addEventListener("htmx:sendError", function (e) {
    tampilkan(e.detail.elt, teks("jaringan"));
  });
  document.addEventListener("htmx:timeout", function (e) {
    tampilkan(e.detail.elt, teks("waktu"));
  });
  // A save cut off by another request of the same row (e.g. a preview while typing) may not
  // have reached the server: say so. Aborted previews are normal while typing and stay quiet.
  document.addEventListener("htmx:sendAbort", function (e) {
    var jalur = e.detail.pathInfo && e.detail.pathInfo.requestPath;
    if (jalur && /\/simpan\/$/.test(jalur)) { tampilkan(e.detail.elt, teks("batal")); }
  });
})();
