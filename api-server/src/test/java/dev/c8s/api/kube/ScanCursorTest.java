package dev.c8s.api.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.c8s.api.problem.ApiException;
import org.junit.jupiter.api.Test;

/** The continue token of filtered lists: round trip, Kubernetes tokens, and garbage. */
class ScanCursorTest {

  @Test
  void encodedCursorDecodesToItself() {
    ScanCursor cursor = new ScanCursor("k8s-token", null, 250, 17);
    assertThat(ScanCursor.isOurs(cursor.encode())).isTrue();
    assertThat(ScanCursor.decode(cursor.encode(), 100)).isEqualTo(cursor);
    ScanCursor first = new ScanCursor(null, "4711", 7, 3);
    assertThat(ScanCursor.decode(first.encode(), 100)).isEqualTo(first);
  }

  @Test
  void kubernetesTokenStartsAtTheBeginningOfItsPage() {
    assertThat(ScanCursor.decode("eyJ2IjoibWV0YS5rOHMuaW8vdjEifQ", 250))
        .isEqualTo(new ScanCursor("eyJ2IjoibWV0YS5rOHMuaW8vdjEifQ", null, 250, 0));
    assertThat(ScanCursor.decode(null, 250)).isEqualTo(new ScanCursor(null, null, 250, 0));
  }

  @Test
  void damagedTokenIsA400() {
    assertThatThrownBy(() -> ScanCursor.decode("c8s1.!!!", 250))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    String negative = new ScanCursor(null, null, 250, -1).encode();
    assertThatThrownBy(() -> ScanCursor.decode(negative, 250)).isInstanceOf(ApiException.class);
  }
}
