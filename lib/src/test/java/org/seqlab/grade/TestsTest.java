package org.seqlab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

class TestsTest {
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final List<JsonNode> sent = new ArrayList<>();

    @BeforeEach
    void capture() {
        Tests.out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        Tests.sink = json -> {
            try {
                sent.add(new ObjectMapper().readTree(json));
            } catch (java.io.IOException e) {
                throw new AssertionError("the message is not JSON: " + json, e);
            }
        };
    }

    @AfterEach
    void learnerAgain() throws Exception {
        var mode = Tests.class.getDeclaredField("mode");
        mode.setAccessible(true);
        mode.set(null, Tests.Mode.LEARNER);
        Tests.out = System.out;
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aLearnerSeesAllTestsPassedWhenEveryCasePasses() {
        Tests.of("ex").check("one", 1, () -> 2, Expect.equalTo(2)).check("two", 1, () -> 3.0, Expect.equalTo(3.0)).report();
        assertEquals("All tests passed\n", printed());
    }

    @Test
    void aLearnerSeesEachFailingCaseWithItsHintAndNoPassLine() {
        Tests.of("ex")
                .check("one", 1, () -> 5, Expect.equalTo(2).hint("off by three", () -> 5))
                .check("two", 1, () -> { throw new UnsupportedOperationException("ex: not implemented yet"); },
                        Expect.equalTo(3))
                .report();
        assertEquals("Failed test case: one. Expected: 2 Got: 5\nHint: off by three\n"
                + "Failed test case: two. Expected: 3 Got: an exception, UnsupportedOperationException: ex: not implemented yet\n",
                printed());
    }

    @Test
    void underTheGraderNothingIsPrintedAndEachCaseSendsItsAnswerWithTheNonce() {
        Tests.grading("n0nce", "submission");
        Tests.of("ex").check("one", 1, () -> 5, Expect.equalTo(2)).hidden("two", 2, () -> 3, Expect.equalTo(3)).report();
        assertEquals("", printed());
        assertEquals(2, sent.size());
        JsonNode first = sent.get(0);
        assertEquals("n0nce", first.get("nonce").asText());
        assertEquals("ex", first.get("exercise").asText());
        assertEquals("one", first.get("case").asText());
        assertEquals(new Value.Num(5, true), Value.fromJson(first.get("got")));
        assertFalse(first.has("expected"), "a submission's kernel must not be asked for the expected value");
    }

    @Test
    void theReferenceRunSendsExpectedValuesPointsAndMistakes() {
        Tests.grading("r", "reference");
        Tests.of("ex").hidden("two", 2.5, () -> 3, Expect.equalTo(3).hint("h", () -> 4)).report();
        JsonNode m = sent.get(0);
        assertEquals(2.5, m.get("points").asDouble());
        assertTrue(m.get("hidden").asBoolean());
        assertEquals(new Value.Num(3, true), Value.fromJson(m.get("expected")));
        assertEquals("h", m.get("mistakes").get(0).get("hint").asText());
    }

    @Test
    void casesTheGraderAlreadyHasAreSkipped() {
        Tests.grading("n", "submission", "ex/one");
        Tests.of("ex").check("one", 1, () -> { throw new AssertionError("must not run"); }, Expect.equalTo(1))
                .check("two", 1, () -> 2, Expect.equalTo(2));
        assertEquals(1, sent.size());
        assertEquals("two", sent.get(0).get("case").asText());
    }

    @Test
    void twoCasesWithOneNameAreATestError() {
        Tests t = Tests.of("ex").check("one", 1, () -> 1, Expect.equalTo(1));
        assertThrows(IllegalArgumentException.class, () -> t.check("one", 1, () -> 1, Expect.equalTo(1)));
        assertThrows(IllegalArgumentException.class, () -> Tests.of("not a grade id"));
    }

    @Test
    void theExpectedValueIsComputedBeforeTheLearnersCodeCanChangeTheInputs() {
        double[] input = {1, 2};
        Tests.of("ex").check("in place", 1, () -> { input[0] = 100; return input[0] + input[1]; },
                Expect.value(() -> input[0] + input[1])).report();
        assertTrue(printed().contains("Expected: 3.0 Got: 102.0"), printed());
    }
}
