// Who issues certificates: printed on each one as a snapshot at issue time.
export const ISSUER = {
  nameVi: "Trung tâm Sáng kiến cộng đồng và hỗ trợ khởi nghiệp tỉnh Bình Dương",
  nameEn: "Binh Duong Community Innovation and Startup Support Centre",
  city: "Thủ Dầu Một, Bình Dương",
} as const;
