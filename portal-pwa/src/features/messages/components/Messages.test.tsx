import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import { session } from "@/lib/api/client";
import type { Conversation, ConversationDetail } from "../api/messages";
import { ConversationView } from "./ConversationView";
import { ConversationSearch, UnreadMessages } from "./ConversationList";
import { NewConversationForm } from "./NewConversationForm";

const ID = "c0c00000-0000-4000-8000-000000000001";
const LEASES = [
  { id: "5a7c0e2d-0000-4000-8000-000000000101", label: "Residence Louise, 1A" },
  { id: "5a7c0e2d-0000-4000-8000-000000000102", label: "Maison Flagey, Studio 3" },
];

function conversation(overrides: Partial<ConversationDetail> = {}): ConversationDetail {
  return {
    id: ID,
    lease_id: LEASES[0]?.id ?? "",
    property_name: "Residence Louise",
    unit_name: "1A",
    subject: "Deposit",
    status: "open",
    started_at: "2026-11-23T09:00:00Z",
    last_message_at: "2026-11-23T10:00:00Z",
    message_count: 2,
    unread: 0,
    last_message: { preview: "Within 15 days.", sent_at: "2026-11-23T10:00:00Z", author: "staff" },
    messages: [
      { id: "m1", author: "tenant", author_name: "Tara Tenant", body: "When is my deposit paid back?", sent_at: "2026-11-23T09:00:00Z", read_at: "2026-11-23T09:30:00Z" },
      { id: "m2", author: "staff", author_name: "Marc Manager", body: "Within 15 days.", sent_at: "2026-11-23T10:00:00Z", read_at: null },
    ],
    ...overrides,
  };
}

beforeEach(() => {
  session.signIn({ access_token: "t1", expires_in: 900 });
});

describe("ConversationView", () => {
  it("shows the history oldest first with who wrote and whether the agency read it, then sends a reply once", async () => {
    const sent: { key: string | null; body: unknown }[] = [];
    stubApi({
      [`POST /api/v1/portal/conversations/${ID}/messages`]: async (request) => {
        sent.push({ key: request.headers.get("Idempotency-Key"), body: await request.json() });
        return jsonResponse(conversation(), 201);
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<ConversationView conversation={conversation()} />);

    const items = within(screen.getByRole("list", { name: "Messages, oldest first" })).getAllByRole("listitem");
    expect(items[0]).toHaveTextContent("You");
    expect(items[0]).toHaveTextContent("When is my deposit paid back?");
    expect(items[0]).toHaveTextContent(/Read by the agency on/u);
    expect(items[1]).toHaveTextContent("Marc Manager");
    expect(items[1]).toHaveTextContent("Within 15 days.");

    await user.click(screen.getByRole("button", { name: "Send" }));
    expect(screen.getByRole("textbox", { name: "Your reply" })).toHaveAccessibleDescription("Write your message.");
    expect(sent).toEqual([]);

    await user.type(screen.getByRole("textbox", { name: "Your reply" }), "Thank you");
    await user.click(screen.getByRole("button", { name: "Send" }));

    await waitFor(() => {
      expect(sent).toHaveLength(1);
    });
    expect(sent[0]?.body).toEqual({ body: "Thank you" });
    expect(sent[0]?.key).toMatch(/^[0-9a-f-]{36}$/u);
    await waitFor(() => {
      expect(screen.getByRole("textbox", { name: "Your reply" })).toHaveValue("");
    });
  });

  it("offers no reply box once the agency closed the conversation", () => {
    renderWithProviders(<ConversationView conversation={conversation({ status: "closed" })} />);

    expect(screen.queryByRole("textbox", { name: "Your reply" })).not.toBeInTheDocument();
    expect(screen.getByText(/The agency closed this conversation/u)).toBeInTheDocument();
  });
});

describe("NewConversationForm", () => {
  it("asks which home when the tenant has several, then starts the conversation", async () => {
    const sent: unknown[] = [];
    stubApi({
      "POST /api/v1/portal/conversations": async (request) => {
        sent.push(await request.json());
        return jsonResponse(conversation(), 201);
      },
    });
    const onSent = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<NewConversationForm leases={LEASES} onSent={onSent} />);

    await user.click(screen.getByRole("button", { name: "Send" }));
    expect(screen.getByRole("combobox", { name: "About" })).toHaveAccessibleDescription("Choose the home this is about.");
    expect(sent).toEqual([]);

    await user.selectOptions(screen.getByRole("combobox", { name: "About" }), "Maison Flagey, Studio 3");
    await user.type(screen.getByRole("textbox", { name: "Subject" }), "Keys");
    await user.type(screen.getByRole("textbox", { name: "Message" }), "I lost a key.");
    await user.click(screen.getByRole("button", { name: "Send" }));

    await waitFor(() => {
      expect(onSent).toHaveBeenCalledOnce();
    });
    expect(sent).toEqual([{ lease_id: LEASES[1]?.id, subject: "Keys", body: "I lost a key." }]);
  });
});

describe("UnreadMessages", () => {
  it("shows the unread count on the home page and links the unread conversations", async () => {
    const unread: Conversation = { ...conversation({ unread: 2 }) };
    stubApi({
      "GET /api/v1/portal/conversations/unread": () => jsonResponse({ messages: 2, conversations: 1 }),
      "GET /api/v1/portal/conversations": () =>
        jsonResponse({ items: [unread, { ...conversation({ id: "c0c00000-0000-4000-8000-000000000002", subject: "Read one" }) }], next_cursor: null }),
    });
    renderWithProviders(<UnreadMessages />);

    expect(await screen.findByText("You have 2 unread messages.")).toBeInTheDocument();
    const link = await screen.findByRole("link", { name: "Deposit" });
    expect(link).toHaveAttribute("href", `/messages/${ID}`);
    expect(screen.getByText("2 new")).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Read one" })).not.toBeInTheDocument();
  });

  it("says when nothing is unread", async () => {
    stubApi({ "GET /api/v1/portal/conversations/unread": () => jsonResponse({ messages: 0, conversations: 0 }) });
    renderWithProviders(<UnreadMessages />);

    expect(await screen.findByText("No unread message.")).toBeInTheDocument();
  });
});

describe("ConversationSearch", () => {
  it("asks the API for the conversations that mention the words, and lists all again once the box is emptied", async () => {
    const asked: (string | null)[] = [];
    const heating = conversation({ id: "c0c00000-0000-4000-8000-000000000002", subject: "Heating" });
    stubApi({
      "GET /api/v1/portal/conversations": (request) => {
        const q = new URL(request.url).searchParams.get("q");
        asked.push(q);
        const items = q === null ? [conversation(), heating] : q === "radiator" ? [heating] : [];
        return jsonResponse({ items, next_cursor: null });
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<ConversationSearch />);

    expect(await screen.findByRole("link", { name: "Deposit" })).toBeInTheDocument();
    const box = screen.getByRole("searchbox", { name: "Search your messages" });
    await user.type(box, "  radiator ");
    await user.click(screen.getByRole("button", { name: "Search" }));

    await waitFor(() => {
      expect(screen.queryByRole("link", { name: "Deposit" })).not.toBeInTheDocument();
    });
    expect(screen.getByRole("link", { name: "Heating" })).toBeInTheDocument();
    await user.clear(box);
    await user.type(box, "boiler{Enter}");
    expect(await screen.findByText("No conversation mentions “boiler”.")).toBeInTheDocument();
    await user.clear(box);
    expect(await screen.findByRole("link", { name: "Deposit" })).toBeInTheDocument();
    // The whole list is read again when it comes back (answers may have arrived meanwhile).
    expect(asked.filter((q) => q !== null)).toEqual(["radiator", "boiler"]);
    expect(asked[0]).toBeNull();
  });
});
