import { describe, expect, it } from "vitest";
import {
  allocateUsernames,
  generateJoinCode,
  generateReadablePassword,
  JOIN_CODE_ALPHABET,
  normaliseJoinCode,
  PASSWORD_ALPHABET,
  usernameBase,
} from "~/classes/credentials.server";

describe("usernames from Vietnamese names", () => {
  it("takes the given name and the initials of the others, without diacritics; đ becomes d", () => {
    expect(usernameBase("Nguyễn Thị Phương Thảo")).toBe("thao.ntp");
    expect(usernameBase("Trần Đức Việt")).toBe("viet.td");
    expect(usernameBase("Đặng Văn Đạt")).toBe("dat.dv");
    expect(usernameBase("  Lê   Ánh ")).toBe("anh.l");
    expect(usernameBase("Hòa")).toBe("hoa");
    expect(usernameBase("Nguyễn Thị Phương Thảo".normalize("NFD"))).toBe("thao.ntp");
  });

  it("drops characters a username cannot hold and never returns an empty name", () => {
    expect(usernameBase("O'Brien Mary-Jane")).toBe("maryjane.o");
    expect(usernameBase("李小龍")).toBe("hocsinh");
  });

  it("numbers duplicates, within the batch and against existing usernames", () => {
    expect(allocateUsernames(["Nguyễn Văn An", "Nguyễn Văn An", "Ngô Văn An"], [])).toEqual(["an.nv", "an.nv2", "an.nv3"]);
    expect(allocateUsernames(["Nguyễn Văn An", "Trần Bình"], ["an.nv", "an.nv2", "binh.t3"])).toEqual(["an.nv3", "binh.t"]);
  });
});

describe("join codes and passwords", () => {
  it("use only unambiguous characters (no 0/O, 1/I/L)", () => {
    for (const ch of "0O1IL") expect(JOIN_CODE_ALPHABET).not.toContain(ch);
    for (const ch of "0o1il") expect(PASSWORD_ALPHABET).not.toContain(ch);
    const codes = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const c = generateJoinCode();
      expect(c).toMatch(/^[A-HJKMNP-Z2-9]{8}$/);
      codes.add(c);
      expect(generateReadablePassword()).toMatch(/^[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}$/);
    }
    expect(codes.size).toBe(500);
  });

  it("normalises what a student types and refuses what cannot be a code", () => {
    expect(normaliseJoinCode("abcd efgh")).toBe("ABCDEFGH");
    expect(normaliseJoinCode("ABCD-2345")).toBe("ABCD2345");
    expect(normaliseJoinCode("ABC0EFGH")).toBeNull();
    expect(normaliseJoinCode("ABCDE")).toBeNull();
    expect(normaliseJoinCode("ABCDEFGHJ")).toBeNull();
    expect(normaliseJoinCode("'; drop table classes; --")).toBeNull();
  });
});
