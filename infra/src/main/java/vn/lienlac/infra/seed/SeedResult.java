package vn.lienlac.infra.seed;

/** Rows written to each district table by one seed, and how long it took (wall clock, seconds). */
public record SeedResult(
    long truong, long lop, long giaoVien, long phanCong, long hocSinh, long phuHuynh, long hocSinhPhuHuynh,
    double seconds) {

  public long totalRows() {
    return truong + lop + giaoVien + phanCong + hocSinh + phuHuynh + hocSinhPhuHuynh;
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT,
        "truong=%d lop=%d giao_vien=%d phan_cong=%d hoc_sinh=%d phu_huynh=%d hoc_sinh_phu_huynh=%d in %.1f s",
        truong, lop, giaoVien, phanCong, hocSinh, phuHuynh, hocSinhPhuHuynh, seconds);
  }
}
