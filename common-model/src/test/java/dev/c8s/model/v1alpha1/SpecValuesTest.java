package dev.c8s.model.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Durations and branch globs as the spec defines them. */
class SpecValuesTest {

  @ParameterizedTest(name = "{0} -> {1}s")
  @CsvSource({"90s,90", "10m,600", "2h,7200", "0s,0"})
  void durationsParseInTheirUnit(String text, long seconds) {
    assertThat(Durations.parse(text)).contains(Duration.ofSeconds(seconds));
  }

  @ParameterizedTest(name = "{0} is not a duration")
  @CsvSource({"1d", "1.5h", "m", "10 m", "1h30m", "9999999999h"})
  void invalidDurationsDoNotParse(String text) {
    assertThat(Durations.parse(text)).isEmpty();
  }

  @ParameterizedTest(name = "{0} formats as {1}")
  @CsvSource({"7200,2h", "5400,90m", "45,45s"})
  void durationsFormatInTheLargestWholeUnit(long seconds, String text) {
    assertThat(Durations.format(Duration.ofSeconds(seconds))).isEqualTo(text);
  }

  @ParameterizedTest(name = "{0} matches {1}: {2}")
  @CsvSource({
    "*,main,true",
    "*,feature/a/b,true",
    "feature/*,feature/login,true",
    "feature/*,feature/a/b,true",
    "feature/*,bugfix/x,false",
    "main,main,true",
    "main,main2,false",
    "release-?,release-1,true",
    "v1.0,v1x0,false",
    "[ab],a,false",
    "[ab],[ab],true"
  })
  void branchGlobsTreatOnlyStarAndQuestionMarkSpecially(
      String glob, String branch, boolean matches) {
    assertThat(BranchGlob.matches(glob, branch)).isEqualTo(matches);
  }
}
