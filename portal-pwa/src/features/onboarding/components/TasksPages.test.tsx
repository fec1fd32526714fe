import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { beforeEach, describe, expect, it } from "vitest";
import { jsonResponse, stubApi } from "@doorstep/web-shared/testing/fake-api";
import { renderWithProviders } from "@doorstep/web-shared/testing/render";
import { session } from "@/lib/api/client";
import type { MyTask } from "../api/my-tasks";
import { MyTasksPage, TaskPage, TasksToDo } from "./TasksPages";

const FORM_ID = "0190f0aa-0000-7000-8000-000000000001";
const RULES_ID = "0190f0aa-0000-7000-8000-000000000002";

function task(overrides: Partial<MyTask>): MyTask {
  return {
    id: FORM_ID,
    name: "Car parking",
    kind: "form",
    status: "open",
    done: false,
    fields: [
      { key: "plate", label: "Number plate", required: true },
      { key: "colour", label: "Colour", required: false },
    ],
    answers: null,
    document_label: null,
    uploaded_file_name: null,
    text: null,
    text_version: null,
    description: null,
    amount: null,
    invoice_id: null,
    assigned_at: "2026-11-23T09:00:00Z",
    ...overrides,
  };
}

const RULES = task({ id: RULES_ID, name: "House rules", kind: "read_and_accept", fields: [], text: "Bins out on Tuesdays.", text_version: 3, status: "done", done: true });

beforeEach(() => {
  session.signIn({ access_token: "t1", expires_in: 900 });
});

describe("MyTasksPage", () => {
  it("lists the open tasks as To do, then those done, each linking to its page", async () => {
    stubApi({ "GET /api/v1/portal/tasks": () => jsonResponse([task({}), RULES]) });
    renderWithProviders(<MyTasksPage />);

    const todo = await screen.findByRole("list", { name: "To do" });
    expect(todo).toHaveTextContent("Car parking");
    expect(screen.getByRole("link", { name: "Car parking" })).toHaveAttribute("href", `/tasks/${FORM_ID}`);
    expect(screen.getByRole("list", { name: "Done" })).toHaveTextContent("House rules");
  });

  it("says when there is nothing to do, and the home card stays away", async () => {
    stubApi({ "GET /api/v1/portal/tasks": () => jsonResponse([RULES]) });
    renderWithProviders(
      <>
        <MyTasksPage />
        <TasksToDo />
      </>,
    );
    expect(await screen.findByText(/Nothing to do/)).toBeInTheDocument();
    expect(screen.queryByRole("heading", { level: 2, name: "To do" })).not.toBeInTheDocument();
  });
});

describe("TasksToDo", () => {
  it("shows how many tasks are open on the home screen", async () => {
    stubApi({ "GET /api/v1/portal/tasks": () => jsonResponse([task({}), task({ id: RULES_ID, name: "Insurance" }), RULES]) });
    renderWithProviders(<TasksToDo />);
    expect(await screen.findByText("Your letting agency asks you to complete 2 tasks.")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Open my tasks" })).toHaveAttribute("href", "/tasks");
  });
});

describe("TaskPage", () => {
  function renderTask(id: string) {
    return renderWithProviders(
      <Routes>
        <Route path="/" element={<TaskPage assignmentId={id} locale="en-GB" renderPayment={() => <p>Card payment</p>} />} />
      </Routes>,
    );
  }

  it("saves a form's answers through the task's own route, required fields first", async () => {
    let saved = task({});
    const puts: unknown[] = [];
    stubApi({
      [`GET /api/v1/portal/tasks/${FORM_ID}`]: () => jsonResponse(saved),
      [`PUT /api/v1/portal/tasks/${FORM_ID}/form`]: async (request) => {
        const body = (await request.json()) as { answers: Record<string, string> };
        puts.push(body);
        saved = task({ answers: body.answers, status: "done", done: true });
        return new Response(null, { status: 204 });
      },
    });
    const user = userEvent.setup();
    renderTask(FORM_ID);

    expect(await screen.findByRole("heading", { level: 1, name: "Car parking" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Save and continue" }));
    expect(screen.getByText("This field is required.")).toBeInTheDocument();
    expect(puts).toHaveLength(0);
    await user.type(screen.getByLabelText("Number plate"), " 1-ABC-123 ");
    await user.click(screen.getByRole("button", { name: "Save and continue" }));
    expect(await screen.findByText(/Saved\. Your letting agency can see your answer/)).toBeInTheDocument();
    expect(puts).toEqual([{ answers: { plate: "1-ABC-123", colour: "" } }]);
  });

  it("accepts a text with the version read", async () => {
    const posts: unknown[] = [];
    stubApi({
      [`GET /api/v1/portal/tasks/${RULES_ID}`]: () => jsonResponse({ ...RULES, status: "open", done: false }),
      [`POST /api/v1/portal/tasks/${RULES_ID}/accept`]: async (request) => {
        posts.push(await request.json());
        return new Response(null, { status: 204 });
      },
    });
    const user = userEvent.setup();
    renderTask(RULES_ID);

    expect(await screen.findByText("Bins out on Tuesdays.")).toBeInTheDocument();
    await user.click(screen.getByLabelText("I have read and accept this text"));
    await user.click(screen.getByRole("button", { name: "Accept and continue" }));
    await screen.findByRole("button", { name: "Accept and continue" });
    expect(posts).toEqual([{ text_version: 3 }]);
  });

  it("says so when the agency cancelled the task", async () => {
    stubApi({ [`GET /api/v1/portal/tasks/${FORM_ID}`]: () => jsonResponse(task({ status: "cancelled" })) });
    renderTask(FORM_ID);
    expect(await screen.findByText(/cancelled this task/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Save and continue" })).not.toBeInTheDocument();
  });
});
