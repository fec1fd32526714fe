import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { components } from "@doorstep/web-shared/lib/api/schema";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import type { Role } from "@/lib/auth/permissions";
import { page, staffMe } from "@/testing/fixtures";
import { ConversationPage } from "./ConversationPage";
import { InboxPage } from "./InboxPage";
import { UnreadConversationsBadge } from "./UnreadConversationsBadge";

type Conversation = components["schemas"]["ConversationDetailOut"];

const ID = "c0c00000-0000-4000-8000-000000000001";

function aConversation(overrides: Partial<Conversation> = {}): Conversation {
  return {
    id: ID,
    lease_id: "1e000000-0000-4000-8000-000000000001",
    tenant_id: "7e000000-0000-4000-8000-000000000001",
    tenant_name: "Tara Tenant",
    property_name: "Residence Louise",
    unit_name: "1A",
    subject: "Deposit",
    status: "open",
    started_by: "tenant",
    started_at: "2026-11-23T09:00:00Z",
    last_message_at: "2026-11-23T09:00:00Z",
    message_count: 1,
    unread: 0,
    closed_at: null,
    last_message: { preview: "When is my deposit paid back?", sent_at: "2026-11-23T09:00:00Z", author: "tenant" },
    messages: [
      {
        id: "m1",
        author: "tenant",
        author_name: "Tara Tenant",
        body: "When is my deposit paid back?",
        sent_at: "2026-11-23T09:00:00Z",
        read_at: "2026-11-23T09:30:00Z",
        read_by_name: "Ann Peeters",
      },
    ],
    ...overrides,
  };
}

function stub(role: Role, initial: Conversation) {
  let conversation = initial;
  const posts: { path: string; key: string | null; body: unknown }[] = [];
  const base = `/api/v1/conversations/${ID}`;
  stubApi({
    "GET /api/v1/me": () => jsonResponse(staffMe(role)),
    [`GET ${base}`]: () => jsonResponse(conversation),
    "GET /api/v1/conversations/unread": () => jsonResponse({ messages: 0, conversations: 0 }),
    [`POST ${base}/messages`]: async (request) => {
      const body = (await request.json()) as { body: string };
      posts.push({ path: "messages", key: request.headers.get("Idempotency-Key"), body });
      conversation = {
        ...conversation,
        messages: [
          ...conversation.messages,
          { id: "m2", author: "staff", author_name: "Ann Peeters", body: body.body, sent_at: "2026-11-23T10:00:00Z", read_at: null, read_by_name: null },
        ],
      };
      return jsonResponse(conversation, 201);
    },
    [`POST ${base}/close`]: () => {
      posts.push({ path: "close", key: null, body: null });
      conversation = { ...conversation, status: "closed", closed_at: "2026-11-23T11:00:00Z" };
      return jsonResponse(conversation);
    },
  });
  return posts;
}

describe("ConversationPage", () => {
  it("shows who read the tenant's message, sends a reply once, then closes the conversation", async () => {
    const posts = stub("accountant", aConversation());
    const user = userEvent.setup();
    renderWithProviders(<ConversationPage conversationId={ID} />);

    expect(await screen.findByRole("heading", { level: 1, name: "Deposit" })).toBeInTheDocument();
    const thread = screen.getByRole("list", { name: "Messages, oldest first" });
    expect(within(thread).getByText("When is my deposit paid back?")).toBeInTheDocument();
    expect(within(thread).getByText(/^Read by Ann Peeters,/u)).toBeInTheDocument();

    await user.type(await screen.findByRole("textbox", { name: "Your reply" }), "Within 15 days.");
    await user.click(screen.getByRole("button", { name: "Send" }));

    await waitFor(() => {
      expect(within(screen.getByRole("list", { name: "Messages, oldest first" })).getAllByRole("listitem")).toHaveLength(2);
    });
    expect(posts).toEqual([{ path: "messages", key: expect.stringMatching(/^[0-9a-f-]{36}$/u) as unknown, body: { body: "Within 15 days." } }]);

    await user.click(screen.getByRole("button", { name: "Close the conversation" }));
    expect(await screen.findByText(/This conversation is closed/u)).toBeInTheDocument();
    expect(screen.queryByRole("textbox", { name: "Your reply" })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Reopen the conversation" })).toBeInTheDocument();
  });

  it("lets a viewer read without replying or closing", async () => {
    stub("viewer", aConversation());
    renderWithProviders(<ConversationPage conversationId={ID} />);

    expect(await screen.findByText(/Your role reads conversations/u)).toBeInTheDocument();
    expect(screen.queryByRole("textbox", { name: "Your reply" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Close the conversation" })).not.toBeInTheDocument();
  });
});

describe("InboxPage", () => {
  it("lists the conversations with the unread ones marked and sends the filters to the API", async () => {
    const fetch = stubApi({
      "GET /api/v1/me": () => jsonResponse(staffMe("manager")),
      "GET /api/v1/conversations": () => jsonResponse(page([aConversation({ unread: 2 })])),
    });
    const user = userEvent.setup();
    renderWithProviders(<InboxPage />, { route: "/messages?show=unread" });

    const link = await screen.findByRole("link", { name: "Deposit" });
    expect(link).toHaveAttribute("href", `/messages/${ID}`);
    expect(screen.getByText("2 unread")).toBeInTheDocument();
    await user.type(screen.getByRole("searchbox", { name: "Search" }), "deposit");

    await waitFor(() => {
      const urls = fetch.mock.calls.map(([request]) => new URL(request.url));
      expect(urls.some((url) => url.searchParams.get("q") === "deposit" && url.searchParams.get("unread") === "true")).toBe(true);
    });
  });
});

describe("UnreadConversationsBadge", () => {
  it("shows the number of unread conversations, and nothing when there are none", async () => {
    stubApi({ "GET /api/v1/conversations/unread": () => jsonResponse({ messages: 3, conversations: 2 }) });
    renderWithProviders(<UnreadConversationsBadge />);

    expect(await screen.findByText("2 conversations not read")).toBeInTheDocument();
  });
});
