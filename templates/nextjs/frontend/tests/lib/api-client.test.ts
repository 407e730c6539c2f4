import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";

import { ApiError, createApiClient, errorMessage, unwrap } from "@/lib/api/client";

import { API, userFixture } from "../fixtures";
import { server } from "../server";

describe("API client", () => {
  it("sends the access token as a bearer token", async () => {
    let authorization: string | null = null;
    server.use(
      http.get(`${API}/api/users/me`, ({ request }) => {
        authorization = request.headers.get("authorization");
        return HttpResponse.json(userFixture);
      }),
    );
    const client = createApiClient({ baseUrl: API, getToken: async () => "abc.def.ghi" });
    const user = await unwrap(client.GET("/api/users/me"));
    expect(authorization).toBe("Bearer abc.def.ghi");
    expect(user.email).toBe("ada@example.com");
  });

  it("sends no Authorization header when signed out", async () => {
    let authorization: string | null = "unset";
    server.use(
      http.get(`${API}/api/billing/plans`, ({ request }) => {
        authorization = request.headers.get("authorization");
        return HttpResponse.json({ plans: [] });
      }),
    );
    const client = createApiClient({ baseUrl: API, getToken: async () => null });
    await unwrap(client.GET("/api/billing/plans"));
    expect(authorization).toBeNull();
  });

  it("turns an error answer into an ApiError with its status and detail", async () => {
    server.use(
      http.get(`${API}/api/users/me`, () => HttpResponse.json({ detail: "token expired" }, { status: 401 })),
    );
    const client = createApiClient({ baseUrl: API });
    const error = await unwrap(client.GET("/api/users/me")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, detail: "token expired", isUnauthorized: true });
  });

  it("summarises a 422 validation error list field by field", async () => {
    server.use(
      http.patch(`${API}/api/users/me`, () =>
        HttpResponse.json(
          { detail: [{ loc: ["body", "name"], msg: "String should have at most 100 characters", type: "too_long" }] },
          { status: 422 },
        ),
      ),
    );
    const client = createApiClient({ baseUrl: API });
    const error = await unwrap(client.PATCH("/api/users/me", { body: { name: "x" } })).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 422, detail: "name: String should have at most 100 characters" });
  });

  it("falls back to a generic message when the error body has no detail", async () => {
    server.use(http.get(`${API}/api/users/me`, () => new HttpResponse("Bad gateway", { status: 502 })));
    const client = createApiClient({ baseUrl: API });
    const error = await unwrap(client.GET("/api/users/me")).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502, detail: "request failed with status 502" });
  });

  it("reports an unreachable API as status 0 with a friendly message", async () => {
    server.use(http.get(`${API}/api/users/me`, () => HttpResponse.error()));
    const client = createApiClient({ baseUrl: API });
    const error = await unwrap(client.GET("/api/users/me")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(0);
    expect(errorMessage(error)).toMatch(/cannot be reached/);
  });

  it("resolves a 204 answer without data", async () => {
    server.use(http.delete(`${API}/api/users/me`, () => new HttpResponse(null, { status: 204 })));
    const client = createApiClient({ baseUrl: API, getToken: async () => "t" });
    await expect(unwrap(client.DELETE("/api/users/me"))).resolves.toBeUndefined();
  });
});
