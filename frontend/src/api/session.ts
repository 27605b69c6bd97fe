import { api } from "./client";
import type { Me } from "./types";

export async function currentUser(): Promise<Me | null> {
  try {
    return await api<Me>("/api/me/");
  } catch {
    return null;
  }
}

export function logIn(username: string, password: string): Promise<Me> {
  return api<Me>("/api/auth/login/", { method: "POST", body: { username, password } });
}

export function logOut(): Promise<void> {
  return api<void>("/api/auth/logout/", { method: "POST" });
}
