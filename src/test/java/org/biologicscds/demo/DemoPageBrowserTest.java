package org.biologicscds.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.biologicscds.feedback.FeedbackEntry;
import org.biologicscds.feedback.Outcome;
import org.biologicscds.feedback.StoredFeedback;
import org.biologicscds.hooks.Coding;
import org.biologicscds.record.FetchSettings;
import org.biologicscds.sandbox.ResourceStore;
import org.biologicscds.sandbox.SandboxFhirServer;
import org.biologicscds.server.DemoPage;
import org.biologicscds.testing.RunningServer;
import org.biologicscds.testing.TestKnowledge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo EHR page in a real browser (headless Chromium) against the real server with the sandbox
 * FHIR server and its demo patients: what a clinician sees, what reaches the feedback store.
 * Screenshots of each scenario are written to the build directory's {@code screenshots/}.
 */
class DemoPageBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static RunningServer server;
    private static HeadlessChromium browser;
    private static ChromeDriver driver;

    @BeforeAll
    static void start() throws Exception {
        SandboxFhirServer sandbox = new SandboxFhirServer(new ResourceStore());
        sandbox.addKnowledge(TestKnowledge.get());
        sandbox.load(Path.of("src/main/resources/demo-patients"));
        server = new RunningServer(FetchSettings.defaults(), List.of(new DemoPage(), sandbox.handler()));
        browser = new HeadlessChromium();
        driver = browser.driver();
    }

    @AfterAll
    static void stop() throws Exception {
        try (RunningServer closing = server) {
            if (browser != null) {
                browser.close();
            }
        }
    }

    @AfterEach
    void noDialogWasOpened() {
        browser.resetZoom();
        boolean alert;
        try {
            driver.switchTo().alert();
            alert = true;
        } catch (NoAlertPresentException e) {
            alert = false;
        }
        assertThat(alert).as("a dialog (alert) was opened").isFalse();
    }

    @Test
    void patientWithoutTbScreeningShowsTheTbScreeningMissingCard() throws Exception {
        openChart("pt-psoriasis-1");
        assertThat(fact("Last TB test")).isEqualTo("none on record");
        assertThat(fact("Active medications")).contains("Methotrexate");
        assertThat(driver.findElements(By.cssSelector("#calls .call-title")).get(0).getText())
                .isEqualTo("POST patient-view biologic-patient-view \u2192 HTTP 200");

        click("sign-order");
        List<WebElement> cards = waitForCards();
        JsonNode response = lastResponse("order-sign");
        List<String> answered = new java.util.ArrayList<>();
        response.path("cards").forEach(card -> answered.add(card.path("source").path("topic").path("code").asText()
                + ":" + card.path("indicator").asText().toUpperCase(java.util.Locale.ROOT)));
        // infliximab with methotrexate is the recommended co-therapy: no methotrexate card (clinical-v2.md 3.3)
        assertThat(answered).contains("tb-screening-missing:WARNING").doesNotContain("methotrexate-combination:INFO");
        assertThat(cards).extracting(card -> card.getAttribute("data-rule") + ":" + indicator(card))
                .as("the cards shown, in the service's order").isEqualTo(answered);
        for (int i = 0; i < cards.size(); i++) {
            JsonNode card = response.path("cards").get(i);
            WebElement shown = cards.get(i);
            assertThat(shown.findElement(By.cssSelector(".summary")).getText()).isEqualTo(card.path("summary").asText());
            assertThat(shown.findElement(By.cssSelector(".source a")).getAttribute("href"))
                    .isEqualTo(card.path("source").path("url").asText());
            assertThat(shown.findElement(By.cssSelector(".source a")).getAttribute("rel")).isEqualTo("noopener noreferrer");
        }
        WebElement tb = cards.get(0);
        assertThat(tb.findElements(By.cssSelector(".detail strong"))).extracting(WebElement::getText)
                .containsExactly("Found:", "Why it matters:", "Next step:", "Sources:");
        List<String> items = tb.findElements(By.cssSelector(".detail li")).stream().map(WebElement::getText).toList();
        assertThat(items.get(0)).isEqualTo("No IGRA or tuberculin skin test result in the record");
        assertThat(items.get(items.size() - 1)).isEqualTo("ATS/IDSA/CDC 2017 guideline: diagnosis of tuberculosis");
        assertThat(tb.findElements(By.cssSelector(".detail li a"))).extracting(a -> a.getAttribute("href"))
                .contains(response.at("/cards/0/source/url").asText(), "https://doi.org/10.1093/cid/ciw694");
        assertThat(tb.findElements(By.cssSelector(".detail code"))).extracting(WebElement::getText)
                .containsExactly("tb-screening-missing");
        assertThat(tb.findElements(By.cssSelector("button.suggestion"))).extracting(WebElement::getText)
                .containsExactly("Order IGRA (QuantiFERON or T-SPOT.TB)");
        assertThat(new Select(tb.findElement(By.cssSelector("select.override-reason"))).getOptions())
                .extracting(WebElement::getText).containsExactly("(none given)",
                        "Benefit outweighs the risk; discussed with the patient",
                        "Already done or documented elsewhere (outside records)",
                        "Not applicable: the record is wrong or out of date",
                        "Following specialist advice", "Will address before the first dose");
        assertThat(text("order-status")).isEqualTo("order-sign: " + answered.size() + " cards.");
        browser.screenshot("01-tb-screening-missing-order-sign");
    }

    @Test
    void choosingASuggestionSendsFeedbackThatIsFoundInTheStore() throws Exception {
        openChart("pt-psoriasis-1");
        click("select-order");
        WebElement tb = waitForCards().get(0);
        WebElement suggestion = tb.findElement(By.cssSelector("button.suggestion"));
        String cardUuid = tb.getAttribute("data-uuid");
        String suggestionUuid = suggestion.getAttribute("data-suggestion");
        suggestion.click();

        String status = waitForStatus(tb);
        assertThat(status).isEqualTo("Accepted: Order IGRA (QuantiFERON or T-SPOT.TB) (Order Mycobacterium "
                + "tuberculosis stimulated gamma interferon [Interpretation] in Blood Qualitative). Feedback stored "
                + "(server: received 1, stored 1).");
        assertThat(suggestion.isEnabled()).isFalse();
        StoredFeedback stored = storedFor(cardUuid);
        assertThat(stored.serviceId()).isEqualTo("biologic-order-select");
        assertThat(stored.entry().outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(stored.entry().acceptedSuggestions()).containsExactly(suggestionUuid);
        assertThat(stored.entry().overrideReason()).isNull();
        browser.screenshot("02-suggestion-accepted-feedback-stored");
    }

    @Test
    void overridingACardWithAReasonSendsTheReasonToTheStore() throws Exception {
        openChart("pt-psoriasis-1");
        click("sign-order");
        WebElement tb = waitForCards().get(0);
        String cardUuid = tb.getAttribute("data-uuid");
        new Select(tb.findElement(By.cssSelector("select.override-reason")))
                .selectByVisibleText("Already done or documented elsewhere (outside records)");
        tb.findElement(By.cssSelector("input.override-comment")).sendKeys("IGRA done at the county clinic");
        tb.findElement(By.cssSelector("button.override-button")).click();

        assertThat(waitForStatus(tb)).isEqualTo("Overridden: Already done or documented elsewhere (outside records). "
                + "Feedback stored (server: received 1, stored 1).");
        FeedbackEntry entry = storedFor(cardUuid).entry();
        assertThat(entry.outcome()).isEqualTo(Outcome.OVERRIDDEN);
        assertThat(entry.overrideReason().reason()).isEqualTo(new Coding(
                "http://biologics-cds.org/fhir/CodeSystem/override-reason", "done-elsewhere",
                "Already done or documented elsewhere (outside records)"));
        assertThat(entry.overrideReason().userComment()).isEqualTo("IGRA done at the county clinic");
        browser.screenshot("03-card-overridden-feedback-stored");
    }

    @Test
    void cleanPatientShowsNoCards() throws Exception {
        openChart("demo-clean");
        assertThat(fact("Last TB test")).startsWith("QuantiFERON");
        click("sign-order");
        new WebDriverWait(driver, WAIT).until(d -> text("order-status").startsWith("order-sign:"));
        assertThat(text("order-status")).isEqualTo("order-sign: 0 cards.");
        assertThat(driver.findElements(By.cssSelector("#order-cards article.card"))).isEmpty();
        assertThat(text("order-cards")).isEqualTo("\u2714 No cards: order-sign found nothing to flag.");
        assertThat(lastResponse("order-sign").path("cards").size()).isZero();
        browser.screenshot("04-clean-patient-no-cards");
    }

    @Test
    void netakimabOrderedByBrandNameFromTheCatalogueForABreastfeedingPatientShowsTheCriticalCard() throws Exception {
        openChart("demo-breastfeeding");
        new Select(driver.findElement(By.id("drug"))).selectByValue("netakimab");
        new WebDriverWait(driver, WAIT).until(d -> new Select(d.findElement(By.id("product"))).getOptions().stream()
                .anyMatch(o -> o.getText().equals("Efleira (name only)")));
        new Select(driver.findElement(By.id("product"))).selectByVisibleText("Efleira (name only)");
        click("sign-order");
        List<WebElement> cards = waitForCards();

        JsonNode order = lastRequest("order-sign").path("context").path("draftOrders").path("entry").get(0).path("resource");
        assertThat(order.path("medicationCodeableConcept").toString()).isEqualTo("{\"text\":\"Efleira\"}");
        assertThat(order.path("subject").path("reference").asText()).isEqualTo("Patient/demo-breastfeeding");
        assertThat(cards).extracting(card -> card.getAttribute("data-rule") + ":" + indicator(card))
                .contains("breastfeeding:CRITICAL");
        browser.screenshot("08-netakimab-by-brand-name-breastfeeding");
    }

    @Test
    void openingAChartFiresPatientViewForThatPatientAndShowsItsAnswer() throws Exception {
        openChart("demo-duplicate");
        JsonNode request = lastRequest("patient-view");
        assertThat(request.path("hook").asText()).isEqualTo("patient-view");
        assertThat(request.path("hookInstance").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(request.path("context").toString())
                .isEqualTo("{\"userId\":\"Practitioner/demo-clinician\",\"patientId\":\"demo-duplicate\"}");
        assertThat(request.path("fhirServer").asText()).isEqualTo(server.uri("/fhir").toString());
        List<String> answered = new java.util.ArrayList<>();
        lastResponse("patient-view").path("cards").forEach(card -> answered.add(card.path("summary").asText()));
        assertThat(driver.findElements(By.cssSelector("#view-cards article.card .summary")))
                .extracting(WebElement::getText).isEqualTo(answered);
        if (answered.isEmpty()) {
            assertThat(text("view-cards")).isEqualTo("\u2714 No cards: patient-view found nothing to flag.");
        }
        assertThat(fact("Active medications")).isEqualTo("Cosentyx 300 mg SC monthly (statement)");
    }

    @Test
    void aSuggestionCanBeAcceptedFromTheKeyboardAlone() throws Exception {
        openChart("pt-psoriasis-1");
        click("sign-order");
        WebElement tb = waitForCards().get(0);
        String cardUuid = tb.getAttribute("data-uuid");
        driver.executeScript("document.activeElement.blur(); window.scrollTo(0, 0);");
        Actions keys = new Actions(driver);
        int tabs = 0;
        while (!isFocused(tb.findElement(By.cssSelector("button.suggestion"))) && tabs < 60) {
            keys.sendKeys(Keys.TAB).perform();
            tabs++;
        }
        assertThat(isFocused(tb.findElement(By.cssSelector("button.suggestion")))).as("reached by Tab").isTrue();
        browser.screenshot("05-keyboard-focus-on-suggestion");
        keys.sendKeys(Keys.ENTER).perform();

        assertThat(waitForStatus(tb)).endsWith("Feedback stored (server: received 1, stored 1).");
        assertThat(storedFor(cardUuid).entry().outcome()).isEqualTo(Outcome.ACCEPTED);
    }

    @Test
    void theCardsAreReadableAt200PercentZoomWithoutSidewaysScrolling() throws Exception {
        browser.zoom200(1280, 1800);
        openChart("pt-psoriasis-1");
        click("sign-order");
        List<WebElement> cards = waitForCards();
        Number scrollWidth = (Number) driver.executeScript("return document.documentElement.scrollWidth;");
        Number viewport = (Number) driver.executeScript("return document.documentElement.clientWidth;");
        assertThat(driver.executeScript("return window.innerWidth;")).as("CSS pixels at 200 %").isEqualTo(640L);
        assertThat(scrollWidth.intValue()).as("page width at 200 %").isLessThanOrEqualTo(viewport.intValue());
        for (WebElement card : cards) {
            Number right = (Number) driver.executeScript("return arguments[0].getBoundingClientRect().right;", card);
            assertThat(right.doubleValue()).isLessThanOrEqualTo(viewport.doubleValue());
            assertThat(card.findElement(By.cssSelector(".summary")).isDisplayed()).isTrue();
        }
        driver.executeScript("arguments[0].scrollIntoView();", cards.get(0));
        browser.screenshot("06-zoom-200-percent");
    }

    @Test
    void cardTextWithHtmlScriptAndJavascriptLinksIsShownAsTextAndNeverRuns() throws Exception {
        page();
        String cards = Files.readString(Path.of("src/test/resources/demo/malicious-cards.json"));
        driver.executeScript("window.BcdsCards.render(document.getElementById('order-cards'), JSON.parse(arguments[0]),"
                + " {accept: function () {}, override: function () {}});", cards);
        WebElement card = driver.findElement(By.cssSelector("#order-cards article.card"));
        for (WebElement link : card.findElements(By.tagName("a"))) {
            link.click();
        }
        driver.findElement(By.cssSelector("#order-cards button.suggestion")).click();

        assertThat(driver.executeScript("return window.__xss === undefined;")).as("no injected script ran").isEqualTo(true);
        assertThat(card.findElements(By.cssSelector("script, img, svg, iframe, b, i, style, object, form, [onerror], [onload], [onclick]")))
                .as("elements injected by card text").isEmpty();
        assertThat(card.findElements(By.tagName("a"))).extracting(a -> a.getAttribute("href"))
                .containsExactly("https://example.org/safe?x=1&y=2");
        assertThat(card.findElement(By.cssSelector(".summary")).getText())
                .isEqualTo("<img src=x onerror=\"window.__xss=1\"> Hijacked");
        assertThat(card.findElements(By.cssSelector(".detail p"))).extracting(WebElement::getText).containsExactly(
                "<script>window.__xss=2</script> and <b onclick=\"window.__xss=5\">bold</b>",
                "[click me](javascript:window.__xss=3) and safe",
                "[data](data:text/html,<script>window.__xss=6</script>)");
        assertThat(card.findElement(By.cssSelector(".source")).getText())
                .isEqualTo("Source: <svg onload=window.__xss=4> (javascript:window.__xss=4)");
        assertThat(card.findElement(By.cssSelector("button.suggestion")).getText())
                .isEqualTo("<img src=x onerror=window.__xss=7>");
        assertThat(card.findElements(By.cssSelector(".card-links li"))).extracting(WebElement::getText)
                .containsExactly("<iframe src=javascript:window.__xss=8> (javascript:window.__xss=8)");
        browser.screenshot("07-malicious-card-rendered-as-text");
    }

    // --- the page, as a clinician uses it ---

    private void page() {
        driver.get(server.uri("/").toString());
        new WebDriverWait(driver, WAIT).until(d -> text("app-status").startsWith("Ready:"));
    }

    private void openChart(String patientId) {
        page();
        new Select(driver.findElement(By.id("patient"))).selectByValue(patientId);
        click("open-chart");
        new WebDriverWait(driver, WAIT).until(d -> text("app-status").startsWith("Chart open:")
                && !driver.findElements(By.cssSelector("#calls .call-title")).isEmpty()
                && driver.findElements(By.cssSelector("#calls .call-title")).get(0).getText().contains("patient-view"));
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.elementToBeClickable(By.id("sign-order")));
    }

    private void click(String id) {
        driver.findElement(By.id(id)).click();
    }

    private String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    private String fact(String term) {
        return driver.findElement(By.xpath("//dl[@id='facts']/dt[.='" + term + "']/following-sibling::dd[1]")).getText();
    }

    private List<WebElement> waitForCards() {
        new WebDriverWait(driver, WAIT).until(d -> !d.findElements(By.cssSelector("#order-cards article.card")).isEmpty());
        return driver.findElements(By.cssSelector("#order-cards article.card"));
    }

    private String waitForStatus(WebElement card) {
        WebElement status = card.findElement(By.cssSelector(".feedback-status"));
        new WebDriverWait(driver, WAIT).until(d -> status.getText().contains("stored") || status.getText().contains("NOT"));
        return status.getText();
    }

    private static String indicator(WebElement card) {
        return card.findElement(By.cssSelector(".indicator-word")).getText();
    }

    private boolean isFocused(WebElement element) {
        return element.equals(driver.switchTo().activeElement());
    }

    /** The request JSON of the newest call of the hook, as the developer panel shows it. */
    private JsonNode lastRequest(String hook) throws Exception {
        return panel(hook, ".call-request");
    }

    /** The response JSON of the newest call of the hook, as the developer panel shows it. */
    private JsonNode lastResponse(String hook) throws Exception {
        return panel(hook, ".call-response");
    }

    private JsonNode panel(String hook, String part) throws Exception {
        for (WebElement call : driver.findElements(By.cssSelector("#calls li.call"))) {
            if (call.findElement(By.cssSelector(".call-title")).getText().startsWith("POST " + hook + " ")) {
                String json = (String) driver.executeScript("return arguments[0].textContent;",
                        call.findElement(By.cssSelector(part)));
                return new ObjectMapper().readTree(json);
            }
        }
        throw new AssertionError("no " + hook + " call in the developer panel");
    }

    private static StoredFeedback storedFor(String cardUuid) {
        List<StoredFeedback> found = server.feedback().store().all().stream()
                .filter(f -> f.entry().card().equals(cardUuid)).toList();
        assertThat(found).as("feedback stored for card " + cardUuid).hasSize(1);
        return found.get(0);
    }
}
