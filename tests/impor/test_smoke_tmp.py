import io
import pytest
from impor.baca import baca_berkas
from impor.periksa import periksa
from impor.templat import buat_xlsx


@pytest.mark.django_db
@pytest.mark.parametrize("jenis", ["renstra", "dpa", "realisasi", "anggaran"])
def test_smoke(demo, jenis):
    r = demo.binjai.renstra
    data = buat_xlsx(jenis, r, isi=True)
    buku = baca_berkas(io.BytesIO(data), "x.xlsx")
    p = periksa(jenis, buku, r)
    for g in p.galat[:10]:
        print(g)
    print(p.ringkasan())
    assert not p.galat
    assert p.ringkasan()["baru"] == 0 and p.ringkasan()["ubah"] == 0
    t = buat_xlsx(jenis, r, isi=False)
    p2 = periksa(jenis, baca_berkas(io.BytesIO(t), "t.xlsx"), r)
    print(p2.ringkasan(), [str(g) for g in p2.galat[:5]])
