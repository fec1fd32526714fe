import { expect, expectNoSeriousA11yViolations, signInToAgency, signInToPortal, STAFF, test, uniqueName } from "../support/fixtures";

/**
 * Seed 002, messages: the demo tenant writes to the agency from the portal; a manager finds the
 * conversation unread in the agency's inbox (the navigation counts it), opens it — which reads it
 * for the agency — and replies; the tenant sees the unread badge on the bottom bar and on the
 * home, opens the conversation, reads the reply and the badge clears. Axe runs on each new
 * screen. The subject carries a random suffix; other specs share the demo tenant.
 */
test("a tenant writes to the agency, a manager answers, and the tenant reads the answer", async ({ page, browser }, testInfo) => {
  const subject = uniqueName("Question about the deposit");
  const tenantContext = await browser.newContext();
  const tenant = await tenantContext.newPage();
  const tenantNav = tenant.getByRole("navigation", { name: "Main" });
  let conversationUrl = "";

  await test.step("the tenant writes from the bottom bar's Messages", async () => {
    await signInToPortal(tenant);
    await tenantNav.getByRole("link", { name: /^Messages/u }).click();
    await expect(tenant.getByRole("heading", { level: 1, name: "Messages" })).toBeVisible();
    await tenant.getByRole("link", { name: "Write to the agency" }).click();
    await expect(tenant.getByRole("heading", { level: 1, name: "Write to the agency" })).toBeVisible();
    const about = tenant.getByRole("combobox", { name: "About" });
    if (await about.isVisible()) await about.selectOption({ label: "Residence Louise, Flat 1A" });
    await tenant.getByRole("textbox", { name: "Subject" }).fill(subject);
    await tenant.getByRole("textbox", { name: "Message" }).fill("When will my deposit be paid back?\nThanks.");
    await expectNoSeriousA11yViolations(tenant, testInfo, "portal new message");
    await tenant.getByRole("button", { name: "Send" }).click();
    await expect(tenant.getByRole("heading", { level: 1, name: subject })).toBeVisible();
    await expect(tenant.getByText("Not read yet")).toBeVisible();
    conversationUrl = tenant.url();
    await expectNoSeriousA11yViolations(tenant, testInfo, "portal conversation");
  });

  await signInToAgency(page, STAFF.manager);
  await test.step("the manager finds it unread in the inbox, opens it and replies", async () => {
    const inboxLink = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Messages/u });
    await expect(inboxLink).toContainText(/conversations? not read/u);
    await inboxLink.click();
    await expect(page.getByRole("heading", { level: 1, name: "Messages" })).toBeVisible();
    await page.getByRole("combobox", { name: "Show" }).selectOption({ label: "Not read yet" });
    await page.getByRole("searchbox", { name: "Search" }).fill(subject);
    // The search is asked for once typing pauses: until then the unread list may already show
    // this one row, and would then be shown faded while the search's answer loads.
    await expect.poll(() => new URL(page.url()).searchParams.get("q")).toBe(subject);
    const row = page.getByRole("row").filter({ hasText: subject });
    await expect(row).toContainText("1 unread");
    // The search's answer is in: the table is no longer shown faded as it was while it loaded.
    await expect(page.getByRole("table")).not.toHaveAttribute("aria-busy", "true");
    await expect(page.getByRole("row")).toHaveCount(2);
    await expectNoSeriousA11yViolations(page, testInfo, "agency inbox");
    await row.getByRole("link", { name: subject }).click();
    await expect(page.getByRole("heading", { level: 1, name: subject })).toBeVisible();
    await expect(page.getByText(/^Read by .*,/u)).toBeVisible();
    await page.getByRole("textbox", { name: "Your reply" }).fill("Within 15 days of the check-out.");
    await page.getByRole("button", { name: "Send" }).click();
    await expect(page.getByText("Within 15 days of the check-out.")).toBeVisible();
    await expectNoSeriousA11yViolations(page, testInfo, "agency conversation");
  });

  await test.step("the tenant sees the unread badge, reads the answer, and the badge clears", async () => {
    await tenant.goto("/portal/");
    await expect(tenantNav.getByText(/^\d+ unread messages?$/u)).toBeAttached();
    const home = tenant.getByRole("region", { name: "Messages" });
    await expect(home.getByText(/^You have \d+ unread messages?\.$/u)).toBeVisible();
    await home.getByRole("link", { name: subject }).click();
    await expect(tenant.getByRole("heading", { level: 1, name: subject })).toBeVisible();
    expect(tenant.url()).toBe(conversationUrl);
    await expect(tenant.getByText("Within 15 days of the check-out.")).toBeVisible();
    await expect(tenant.getByText(/^Read by the agency on/u)).toBeVisible();
    await expect(tenantNav.getByText(/unread message/u)).toHaveCount(0);
    await tenant.goto("/portal/");
    await expect(tenant.getByRole("region", { name: "Messages" }).getByText("No unread message.")).toBeVisible();
  });
  await tenantContext.close();
});
