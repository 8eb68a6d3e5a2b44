"""Each role logs in through the real form in Chromium and sees its office's home page."""

from __future__ import annotations

import pytest

from indikator.peran import PERAN_DINAS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_every_role_logs_in_and_sees_home(page, live_server, demo, masuk):
    for kantor in demo.kantor:
        for peran in sorted(PERAN_DINAS):
            user = kantor.pengguna[peran]
            masuk(page, live_server, user)
            assert page.get_by_role("heading", level=1).inner_text() == kantor.instansi.nama
            assert page.locator(".akun-nama").inner_text() == user.nama_lengkap
            assert int(page.get_by_test_id("jumlah-indikator").inner_text()) == 14
            page.get_by_role("button", name="Keluar").click()
            page.wait_for_url("**/masuk/")


def test_wrong_password_gets_indonesian_message(page, live_server, demo, masuk):
    with pytest.raises(AssertionError):
        masuk(page, live_server, demo.binjai.pengguna["staf"], sandi="salah")
    teks = page.get_by_role("alert").inner_text()
    assert "Nama pengguna atau kata sandi salah." in teks
    assert teks.lower().count("nama pengguna") == 1


def test_navigation_fits_a_phone(page, live_server, demo, masuk):
    page.set_viewport_size({"width": 390, "height": 844})
    masuk(page, live_server, demo.binjai.pengguna["kabid"])
    menu = page.get_by_role("button", name="Menu")
    assert menu.is_visible()
    assert not page.get_by_role("link", name="Beranda").is_visible()
    menu.click()
    assert page.get_by_role("link", name="Beranda").is_visible()


def test_ten_wrong_passwords_lock_the_account_with_the_message(page, live_server, demo, masuk):
    staf = demo.binjai.pengguna["staf"]
    for percobaan in range(10):
        with pytest.raises(AssertionError):
            masuk(page, live_server, staf, sandi=f"salah-{percobaan}")
    assert page.get_by_role("heading", level=1).inner_text() == "Akun dikunci sementara"
    assert "Terlalu banyak percobaan masuk yang gagal" in page.get_by_role("alert").inner_text()
    with pytest.raises(AssertionError):  # the right password is refused too, with the same page
        masuk(page, live_server, staf)
    assert page.get_by_role("heading", level=1).inner_text() == "Akun dikunci sementara"
