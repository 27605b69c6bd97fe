// The JSON client for the Django API: session cookie + CSRF header, errors as ApiError.

export class ApiError extends Error {
  constructor(
    public status: number,
    public body: Record<string, unknown>,
  ) {
    super(typeof body.detail === "string" ? body.detail : `Request failed (${status})`);
  }

  /** The first problem named for a field, if the server named one. */
  fieldError(field: string): string | undefined {
    const value = this.body[field];
    if (Array.isArray(value)) return String(value[0]);
    return typeof value === "string" ? value : undefined;
  }
}

function csrfToken(): string {
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : "";
}

export async function api<T>(
  path: string,
  options: { method?: string; body?: unknown; headers?: Record<string, string>; keepalive?: boolean } = {},
): Promise<T> {
  const method = options.method ?? "GET";
  const headers: Record<string, string> = { Accept: "application/json", ...options.headers };
  if (method !== "GET") headers["X-CSRFToken"] = csrfToken();
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(options.body);
  }
  const response = await fetch(path, {
    method,
    headers,
    body,
    credentials: "same-origin",
    keepalive: options.keepalive,
  });
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let data: unknown = {};
  try {
    data = text ? JSON.parse(text) : {};
  } catch {
    data = { detail: text.slice(0, 200) || response.statusText };
  }
  if (!response.ok) throw new ApiError(response.status, data as Record<string, unknown>);
  return data as T;
}

export interface Page<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}
