// Passwords of 10+ characters that top public leak lists; refused at sign-up and on change.
const COMMON = [
  "1234567890", "12345678910", "123456789a", "0123456789", "0987654321", "1111111111", "1234512345",
  "qwertyuiop", "1q2w3e4r5t", "1qaz2wsx3edc", "qwerty1234", "qwerty12345", "password12", "password123",
  "password1234", "passw0rd123", "iloveyou12", "abc1234567", "abcd123456", "aaaaaaaaaa", "asdfghjkl1",
  "administrator", "admin12345", "welcome123", "letmein123", "football123", "princess12", "baseball12",
  "sunshine12", "matkhau123", "matkhau1234", "anhyeuem123", "anhyeuem1234", "emyeuanh123", "vietnam123",
  "vietnam1234", "hanoi12345", "saigon1234", "khongbiet123", "stemhub1234", "changeme123", "trustno1234",
];
const SET = new Set(COMMON);

export function isCommonPassword(password: string): boolean {
  const p = password.trim().toLowerCase();
  return SET.has(p) || /^(.)\1+$/.test(p) || /^(0123456789|1234567890)+\d*$/.test(p);
}
