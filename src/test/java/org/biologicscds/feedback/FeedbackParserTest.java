package org.biologicscds.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.biologicscds.hooks.CdsJson;
import org.biologicscds.hooks.Coding;
import org.biologicscds.hooks.HookRequestException;
import org.biologicscds.testing.NeedsSharedFixtures;
import org.biologicscds.testing.SharedFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The CDS Hooks 2.0 feedback body: the spec's own examples are read as written; each broken rule is a 400 naming it. */
class FeedbackParserTest {

    private final CdsJson json = new CdsJson();
    private final FeedbackParser parser = new FeedbackParser();

    private List<FeedbackEntry> parse(String body) {
        return parser.parse(json.readTree(body));
    }

    private List<FeedbackEntry> specExample(String file) throws Exception {
        return parse(Files.readString(SharedFixtures.folder().resolve("hl7-cds-hooks-2.0.1").resolve(file)));
    }

    /** Our own feedback in the spec examples' shape (src/test/resources/interop/feedback). */
    private List<FeedbackEntry> ours(String file) throws Exception {
        return parse(Files.readString(Path.of("src/test/resources/interop/feedback").resolve(file)));
    }

    @Test
    void suggestionAccepted_isOneAcceptedEntry() throws Exception {
        assertThat(ours("accepted-suggestion.json")).containsExactly(FeedbackEntry.accepted(
                "0b6f7c84-3e0d-4d7b-9d0e-1f2a3b4c5d61", List.of("6a1c2e3f-4b5d-4e6f-8a9b-0c1d2e3f4a52"),
                Instant.parse("2026-09-14T09:12:45Z")));
    }

    @Test
    void overriddenWithoutReason_isAccepted() throws Exception {
        // The spec: "The CDS Client can inform the service when a card was dismissed by specifying an
        // outcome of overridden without providing an overrideReason."
        assertThat(ours("overridden-without-reason.json")).containsExactly(FeedbackEntry.overridden(
                "7d2e9f10-5a6b-4c7d-8e9f-0a1b2c3d4e73", null, Instant.parse("2026-09-14T00:00:00Z")));
    }

    @Test
    void overriddenWithAReasonThisServiceNeverOffered_isAccepted() throws Exception {
        assertThat(ours("overridden-with-unknown-reason.json")).containsExactly(FeedbackEntry.overridden(
                "c3b4a5d6-7e8f-4091-a2b3-c4d5e6f7a894",
                new OverrideReason(new Coding("https://ehr.example.net/cds-hooks/override-reason", "x41", null),
                        "Discussed with the patient; she prefers to wait."),
                Instant.parse("2026-09-14T00:00:00Z")));
    }

    @Test
    @NeedsSharedFixtures
    void specExampleSuggestionAccepted_isOneAcceptedEntry() throws Exception {
        assertThat(specExample("spec-21-fragment.json")).containsExactly(FeedbackEntry.accepted(
                "4e0a3a1e-3283-4575-ab82-028d55fe2719", List.of("e56e1945-20b3-4393-8503-a1a20fd73152"),
                Instant.parse("2021-12-11T10:05:31Z")));
    }

    @Test
    @NeedsSharedFixtures
    void specExampleOverriddenWithoutReason_isAccepted() throws Exception {
        // The spec: "The CDS Client can inform the service when a card was dismissed by specifying an
        // outcome of overridden without providing an overrideReason."
        assertThat(specExample("spec-22-fragment.json")).containsExactly(FeedbackEntry.overridden(
                "f6b95768-b1c8-40dc-8385-bf3504b82ffb", null, Instant.parse("2020-12-11T00:00:00Z")));
    }

    @Test
    @NeedsSharedFixtures
    void specExampleOverriddenWithAReasonThisServiceNeverOffered_isAccepted() throws Exception {
        assertThat(specExample("spec-23-fragment.json")).containsExactly(FeedbackEntry.overridden(
                "9368d37b-283f-44a0-93ea-547cebab93ed",
                new OverrideReason(new Coding("https://example.com/cds-hooks/override-reason-system", "d7ecf885", null),
                        "A comment entered by the clinician."),
                Instant.parse("2020-12-11T00:00:00Z")));
    }

    @Test
    void commentOnlyOverride_unknownMembersAndOffsetTimestamp_areAccepted() {
        List<FeedbackEntry> entries = parse("""
                {"feedback": [{"card": "c-1", "outcome": "overridden", "extension": {"org.example.x": 1},
                  "overrideReason": {"userComment": "discussed with rheumatology"},
                  "outcomeTimestamp": "2026-11-23T11:00:00.5+01:00", "somethingNew": true}],
                 "extension": {"org.example.y": "z"}}""");

        assertThat(entries).containsExactly(FeedbackEntry.overridden("c-1",
                new OverrideReason(null, "discussed with rheumatology"), Instant.parse("2026-11-23T10:00:00.5Z")));
    }

    @Test
    void sameEntryWrittenDifferently_hasTheSameKey() {
        FeedbackEntry one = parse("""
                {"feedback": [{"card": "c-1", "outcome": "accepted", "acceptedSuggestions": [{"id": "s-2"}, {"id": "s-1"}],
                  "outcomeTimestamp": "2026-11-23T10:00:00Z"}]}""").get(0);
        FeedbackEntry same = parse("""
                {"feedback": [{"outcomeTimestamp": "2026-11-23T11:00:00+01:00", "acceptedSuggestions": [{"id": "s-1"},
                  {"id": "s-2"}, {"id": "s-1"}], "outcome": "accepted", "card": "c-1"}]}""").get(0);
        FeedbackEntry otherSuggestion = FeedbackEntry.accepted("c-1", List.of("s-1"), Instant.parse("2026-11-23T10:00:00Z"));

        assertThat(same).isEqualTo(one);
        assertThat(same.key()).isEqualTo(one.key()).hasSize(64);
        assertThat(otherSuggestion.key()).isNotEqualTo(one.key());
    }

    static Stream<Arguments> brokenBodies() {
        String ts = "\"outcomeTimestamp\": \"2026-11-23T10:00:00Z\"";
        String ok = "{\"card\": \"c-0\", \"outcome\": \"overridden\", " + ts + "}";
        return Stream.of(
                Arguments.of("[]", "BCDS-1601: the body must be a JSON object with a 'feedback' array"),
                Arguments.of("{\"feedback\": {}}", "BCDS-1601: the body must be a JSON object with a 'feedback' array"),
                Arguments.of("{\"feedback\": []}", "BCDS-1602: 'feedback' must list at least one entry"),
                Arguments.of("{\"feedback\": [" + ok + ", \"c-1\"]}", "BCDS-1603: feedback[1] must be an object"),
                Arguments.of("{\"feedback\": [{\"outcome\": \"overridden\", " + ts + "}]}",
                        "BCDS-1604: feedback[0].card is required: the card.uuid the service issued"),
                Arguments.of("{\"feedback\": [{\"card\": 7, \"outcome\": \"overridden\", " + ts + "}]}",
                        "BCDS-1604: feedback[0].card is required: the card.uuid the service issued"),
                Arguments.of("{\"feedback\": [" + ok + ", {\"card\": \"c-1\", \"outcome\": \"ignored\", " + ts + "}]}",
                        "BCDS-1605: feedback[1].outcome must be 'accepted' or 'overridden'"),
                Arguments.of("{\"feedback\": [{\"card\": \"c-1\", \"outcome\": \"Accepted\", " + ts + "}]}",
                        "BCDS-1605: feedback[0].outcome must be 'accepted' or 'overridden'"),
                Arguments.of("{\"feedback\": [{\"card\": \"c-1\", \"outcome\": \"accepted\", " + ts + "}]}",
                        "BCDS-1606: feedback[0].acceptedSuggestions must list the accepted suggestions"
                                + " ({\"id\": suggestion.uuid}) when the outcome is 'accepted'"),
                Arguments.of("{\"feedback\": [{\"card\": \"c-1\", \"outcome\": \"accepted\", \"acceptedSuggestions\": [], " + ts + "}]}",
                        "BCDS-1606: feedback[0].acceptedSuggestions must list the accepted suggestions"
                                + " ({\"id\": suggestion.uuid}) when the outcome is 'accepted'"),
                Arguments.of("{\"feedback\": [{\"card\": \"c-1\", \"outcome\": \"accepted\", \"acceptedSuggestions\": [{\"uuid\": \"s\"}], "
                        + ts + "}]}", "BCDS-1607: feedback[0].acceptedSuggestions[0].id is required: the suggestion.uuid"),
                Arguments.of("{\"feedback\": [{\"card\": \"c-1\", \"outcome\": \"accepted\", \"acceptedSuggestions\": [\"s\"], "
                        + ts + "}]}", "BCDS-1607: feedback[0].acceptedSuggestions[0] must be an object with an 'id'"),
                Arguments.of("{\"feedback\": [{\"card\": \"c-1\", \"outcome\": \"overridden\", \"acceptedSuggestions\": [{\"id\": \"s\"}], "
                        + ts + "}]}", "BCDS-1608: feedback[0].acceptedSuggestions is only for 'accepted' outcomes:"
                        + " a card is either accepted or overridden"),
                Arguments.of("{\"feedback\": [{\"card\": \"c-1\", \"outcome\": \"accepted\", \"acceptedSuggestions\": [{\"id\": \"s\"}],"
                        + " \"overrideReason\": {\"userComment\": \"x\"}, " + ts + "}]}",
                        "BCDS-1608: feedback[0].overrideReason is only for 'overridden' outcomes"),
                Arguments.of("{\"feedback\": [{\"card\": \"c-1\", \"outcome\": \"overridden\", \"overrideReason\": {}, " + ts + "}]}",
                        "BCDS-1609: feedback[0].overrideReason must carry a 'reason' Coding or a 'userComment' (or be left out)"),
                Arguments.of("{\"feedback\": [{\"card\": \"c-1\", \"outcome\": \"overridden\", \"overrideReason\": {\"userComment\": \" \"}, "
                        + ts + "}]}", "BCDS-1609: feedback[0].overrideReason must carry a 'reason' Coding or a 'userComment'"
                        + " (or be left out)"),
                Arguments.of("{\"feedback\": [{\"card\": \"c-1\", \"outcome\": \"overridden\", \"overrideReason\": \"patient declined\", "
                        + ts + "}]}", "BCDS-1609: feedback[0].overrideReason must be an object with a 'reason' Coding and/or a 'userComment'"),
                Arguments.of("{\"feedback\": [{\"card\": \"c-1\", \"outcome\": \"overridden\", \"overrideReason\": {\"reason\": "
                        + "{\"system\": \"http://x\", \"display\": \"Patient declined\"}}, " + ts + "}]}",
                        "BCDS-1609: feedback[0].overrideReason.reason.code is required: the code of the reason picked"),
                Arguments.of("{\"feedback\": [{\"card\": \"c-1\", \"outcome\": \"overridden\"}]}",
                        "BCDS-1610: feedback[0].outcomeTimestamp is required: an RFC 3339 date-time such as 2021-12-11T10:05:31Z"),
                Arguments.of("{\"feedback\": [{\"card\": \"c-1\", \"outcome\": \"overridden\", \"outcomeTimestamp\": \"2026-11-23T10:00:00\"}]}",
                        "BCDS-1610: feedback[0].outcomeTimestamp must be an RFC 3339 date-time with a time zone, such as 2021-12-11T10:05:31Z"),
                Arguments.of("{\"feedback\": [{\"card\": \"c-1\", \"outcome\": \"overridden\", \"outcomeTimestamp\": \"yesterday\"}]}",
                        "BCDS-1610: feedback[0].outcomeTimestamp must be an RFC 3339 date-time with a time zone, such as 2021-12-11T10:05:31Z"),
                Arguments.of("{\"feedback\": [{\"card\": \"" + "c".repeat(257) + "\", \"outcome\": \"overridden\", " + ts + "}]}",
                        "BCDS-1611: feedback[0].card is longer than 256 characters"),
                Arguments.of("{\"feedback\": [{\"card\": \"c-1\", \"outcome\": \"overridden\", \"overrideReason\": {\"userComment\": \""
                        + "x".repeat(8193) + "\"}, " + ts + "}]}",
                        "BCDS-1611: feedback[0].overrideReason.userComment is longer than 8192 characters"));
    }

    @ParameterizedTest
    @MethodSource("brokenBodies")
    void brokenFeedback_is400NamingTheEntryAndTheRule(String body, String diagnostics) {
        assertThatThrownBy(() -> parse(body))
                .isInstanceOfSatisfying(HookRequestException.class, e -> {
                    assertThat(e.outcome()).isEqualTo(HookRequestException.Outcome.BAD_REQUEST);
                    assertThat(e.diagnostics()).isEqualTo(diagnostics);
                });
    }
}
