-- The district education database (CSDL ngành) as Liên Lạc reads it. We never write to the real one;
-- `./lienlac district seed` and the tests create this shape to stand in for it. Sync needs each table's
-- `updated_at` kept current on every change (the trigger below does it here) and an index on
-- (updated_at, key) so that "what changed since" is a range scan, not a sort of the whole table.

CREATE TABLE IF NOT EXISTS truong (
  ma_truong    text PRIMARY KEY,
  ten_truong   text,
  cap_hoc      text,
  ma_phong_gd  text,
  dia_chi      text,
  updated_at   timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE TABLE IF NOT EXISTS lop (
  ma_lop      text PRIMARY KEY,
  ma_truong   text,
  ten_lop     text,
  khoi        smallint,
  nam_hoc     text,
  ma_gvcn     text,
  updated_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE TABLE IF NOT EXISTS hoc_sinh (
  ma_dinh_danh  text PRIMARY KEY,
  ho_ten        text,
  ngay_sinh     date,
  gioi_tinh     text,
  ma_lop        text,
  trang_thai    text,
  updated_at    timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE TABLE IF NOT EXISTS phu_huynh (
  id             bigint PRIMARY KEY,
  ho_ten         text,
  so_dien_thoai  text,
  email          text,
  ngon_ngu       text,
  updated_at     timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE TABLE IF NOT EXISTS hoc_sinh_phu_huynh (
  ma_dinh_danh      text NOT NULL,
  phu_huynh_id      bigint NOT NULL,
  quan_he           text,
  la_lien_he_chinh  boolean,
  updated_at        timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (ma_dinh_danh, phu_huynh_id)
);

CREATE TABLE IF NOT EXISTS giao_vien (
  ma_gv          text PRIMARY KEY,
  ho_ten         text,
  so_dien_thoai  text,
  email          text,
  ma_truong      text,
  updated_at     timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE TABLE IF NOT EXISTS phan_cong (
  ma_gv       text NOT NULL,
  ma_lop      text NOT NULL,
  mon_hoc     text NOT NULL,
  nam_hoc     text,
  updated_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (ma_gv, ma_lop, mon_hoc)
);

CREATE OR REPLACE FUNCTION cham_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN
    NEW.updated_at := clock_timestamp();
  END IF;
  RETURN NEW;
END $$;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['truong','lop','hoc_sinh','phu_huynh','hoc_sinh_phu_huynh','giao_vien','phan_cong'] LOOP
    EXECUTE format('DROP TRIGGER IF EXISTS %I_updated_at ON %I', t, t);
    EXECUTE format('CREATE TRIGGER %I_updated_at BEFORE UPDATE ON %I FOR EACH ROW EXECUTE FUNCTION cham_updated_at()', t, t);
  END LOOP;
END $$;

CREATE INDEX IF NOT EXISTS truong_thay_doi ON truong (updated_at, ma_truong);
CREATE INDEX IF NOT EXISTS lop_thay_doi ON lop (updated_at, ma_lop);
CREATE INDEX IF NOT EXISTS hoc_sinh_thay_doi ON hoc_sinh (updated_at, ma_dinh_danh);
CREATE INDEX IF NOT EXISTS phu_huynh_thay_doi ON phu_huynh (updated_at, id);
CREATE INDEX IF NOT EXISTS hoc_sinh_phu_huynh_thay_doi ON hoc_sinh_phu_huynh (updated_at, ma_dinh_danh, phu_huynh_id);
CREATE INDEX IF NOT EXISTS giao_vien_thay_doi ON giao_vien (updated_at, ma_gv);
CREATE INDEX IF NOT EXISTS phan_cong_thay_doi ON phan_cong (updated_at, ma_gv, ma_lop, mon_hoc);
