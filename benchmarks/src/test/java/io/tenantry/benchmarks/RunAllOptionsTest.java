package io.tenantry.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The command line of {@link RunAll}: list-valued options take their whole form or are refused by name. */
class RunAllOptionsTest {

  private static RunAll.Options parse(String... args) {
    return RunAll.Options.parse(args);
  }

  @Test
  void twoSizes_areTakenSmallerFirst() {
    RunAll.Options o = parse("--companies=11,2000", "--catalogs=500, 7000");
    assertThat(o.smallCompanies).isEqualTo(11);
    assertThat(o.largeCompanies).isEqualTo(2000);
    assertThat(o.syncCatalogs).containsExactly(500, 7000);
  }

  @Test
  void oneCompanyCount_isRefusedNamingTheForm() {
    // was an ArrayIndexOutOfBoundsException: Index 1 out of bounds for length 1
    assertThatThrownBy(() -> parse("--companies=11")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--companies=SMALL,LARGE").hasMessageContaining("Not --companies=11");
  }

  @Test
  void oneCatalogSize_isRefusedNamingTheForm() {
    assertThatThrownBy(() -> parse("--catalogs=10000")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--catalogs=SMALL,LARGE");
  }

  @Test
  void threeSizes_sameSizeTwice_largerFirst_orEmptyParts_areRefused() {
    for (String bad : new String[] {"--companies=10,100,1000", "--companies=10,10", "--companies=10000,10",
        "--companies=0,10", "--companies=10,", "--companies=,10", "--catalogs=", "--catalogs=a,b"}) {
      assertThatThrownBy(() -> parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("=SMALL,LARGE");
    }
  }

  @Test
  void numbers_areRefusedByOptionName_notAsABareNumberFormatException() {
    assertThatThrownBy(() -> parse("--threads=four")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--threads takes whole numbers");
    assertThatThrownBy(() -> parse("--rounds=0")).hasMessageContaining("--rounds takes a number above 0");
    assertThatThrownBy(() -> parse("--warmup=-1")).hasMessageContaining("--warmup takes a number of 0 or more");
    assertThat(parse("--warmup=0", "--pos-warmup=0").warmupRounds).isZero();
  }

  @Test
  void onlyAndSlots_refuseEmptyOrUnknownParts() {
    assertThatThrownBy(() -> parse("--only=")).hasMessageContaining("--only takes context, queries");
    assertThatThrownBy(() -> parse("--only=queries,pso")).hasMessageContaining("not pso");
    assertThatThrownBy(() -> parse("--slots=")).hasMessageContaining("--slots takes query variant keys");
    RunAll.Options o = parse("--only=queries,pos");
    assertThat(o.queries && o.pos).isTrue();
    assertThat(o.context || o.sync || o.flood).isFalse();
  }
}
