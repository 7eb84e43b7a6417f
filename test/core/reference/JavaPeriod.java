import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;

/**
 * The reference the age arithmetic is checked against: reads "start end" ISO date pairs, one a
 * line, and prints "years months days totalMonths totalDays" as java.time computes them.
 */
public class JavaPeriod {
  public static void main(String[] args) throws Exception {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
    StringBuilder out = new StringBuilder();
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String[] pair = line.trim().split(" ");
      LocalDate start = LocalDate.parse(pair[0]);
      LocalDate end = LocalDate.parse(pair[1]);
      Period p = Period.between(start, end);
      out.append(p.getYears()).append(' ').append(p.getMonths()).append(' ').append(p.getDays())
          .append(' ').append(p.toTotalMonths()).append(' ').append(ChronoUnit.DAYS.between(start, end))
          .append('\n');
    }
    System.out.print(out);
  }
}
