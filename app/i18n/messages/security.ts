// Strings of sign-in security: throttles, two-factor sign-in and the security event log (issue 11, part B).
// Vietnamese is the reference; English must have the same keys.
export const vi = {
  "auth.signup.throttled": "Đã có quá nhiều tài khoản được tạo từ địa chỉ mạng này. Vui lòng thử lại sau.",
  "account.password.throttled": "Bạn đã nhập sai mật khẩu hiện tại quá nhiều lần. Vui lòng thử lại sau 15 phút.",
};

export const en: Record<keyof typeof vi, string> = {
  "auth.signup.throttled": "Too many accounts have been created from this network address. Please try again later.",
  "account.password.throttled": "Too many wrong current passwords. Please try again in 15 minutes.",
};
