package PACKAGE;

/** The fixture's "released" version: compiled into a copy of the baseline jar. */
public class ApiFixture {

  public static final String KIND = "fixture";

  public String name() {
    return "v1";
  }

  public int count(String filter) {
    return filter.length();
  }
}
