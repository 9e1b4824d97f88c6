package dev.rekord.internal.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reading a primary's report of itself from {@code CLUSTER NODES} as Redis 7.0 prints it, and the
 * read order it gives: a migration's source before its target, whatever their names. (The
 * behaviour on a real cluster: {@code ClusterSearchSlotMigrationTest}, {@code ClusterSearchTopologyTest}.)
 */
class SlotMigrationsTest {

  private static final String A = "aaaa000000000000000000000000000000000001";
  private static final String B = "bbbb000000000000000000000000000000000002";
  private static final String C = "cccc000000000000000000000000000000000003";

  /** {@code CLUSTER NODES} of the node on port {@code myPort}, with {@code extra} after its slots. */
  private static String clusterNodes(int myPort, String extra) {
    return line(A, 7000, myPort, "0-5460", myPort == 7000 ? extra : "")
        + line(B, 7001, myPort, "5461-10922", myPort == 7001 ? extra : "")
        + line(C, 7002, myPort, "10923-16383", myPort == 7002 ? extra : "")
        + "dddd000000000000000000000000000000000004 127.0.0.1:7003@17003 slave " + A + " 0 1 1 connected\n";
  }

  private static String line(String id, int port, int myPort, String slots, String extra) {
    return id + " 127.0.0.1:" + port + "@1" + port + " " + (port == myPort ? "myself,master" : "master")
        + " - 0 1764000000000 " + (port - 6999) + " connected " + slots + extra + "\n";
  }

  @Test
  void aReportIsTheNodesOwnLineWithItsMigrationsByNodeName() {
    SlotMigrations.Report source = SlotMigrations.Report.parse("127.0.0.1:7001", clusterNodes(7001, " [6000->-" + A + "]"));
    assertEquals("5461-10922", source.slots());
    assertEquals(Map.of(6000, "127.0.0.1:7000"), source.migrating());
    assertEquals(Map.of(), source.importing());

    SlotMigrations.Report target = SlotMigrations.Report.parse("127.0.0.1:7000", clusterNodes(7000, " [6000-<-" + B + "]"));
    assertEquals("0-5460", target.slots());
    assertEquals(Map.of(6000, "127.0.0.1:7001"), target.importing());

    SlotMigrations.Report replica = SlotMigrations.Report.parse("127.0.0.1:7003",
        clusterNodes(0, "").replace("127.0.0.1:7003@17003 slave", "127.0.0.1:7003@17003 myself,slave"));
    assertEquals("replica", replica.slots());
  }

  @Test
  void aMigrationsSourceIsReadBeforeItsTargetWhateverTheirNames() {
    List<String> nodes = List.of("127.0.0.1:7002", "127.0.0.1:7001", "127.0.0.1:7000");
    SlotMigrations steady = view(clusterNodes(7000, ""), clusterNodes(7001, ""), clusterNodes(7002, ""));
    assertEquals(List.of("127.0.0.1:7000", "127.0.0.1:7001", "127.0.0.1:7002"), steady.readOrder(nodes));
    assertFalse(steady.any());

    // 7002 moves a slot to 7000: only the target has said so yet (IMPORTING comes first)
    SlotMigrations importing = view(clusterNodes(7000, " [11000-<-" + C + "]"), clusterNodes(7001, ""), clusterNodes(7002, ""));
    assertEquals(List.of("127.0.0.1:7001", "127.0.0.1:7002", "127.0.0.1:7000"), importing.readOrder(nodes));
    assertTrue(importing.source("127.0.0.1:7002"));
    assertTrue(importing.moving("127.0.0.1:7000"));
    assertFalse(importing.moving("127.0.0.1:7001"));

    // and a chain: 7002 → 7001 → 7000
    SlotMigrations chain = view(clusterNodes(7000, ""), clusterNodes(7001, " [6000->-" + A + "]"),
        clusterNodes(7002, " [11000->-" + B + "]"));
    assertEquals(List.of("127.0.0.1:7002", "127.0.0.1:7001", "127.0.0.1:7000"), chain.readOrder(nodes));
  }

  @Test
  void aReportAgreesOnlyWithTheSameSlotsAndMigrations() {
    SlotMigrations steady = view(clusterNodes(7000, ""), clusterNodes(7001, ""), clusterNodes(7002, ""));
    assertTrue(steady.agrees(SlotMigrations.Report.parse("127.0.0.1:7001", clusterNodes(7001, ""))));
    assertFalse(steady.agrees(SlotMigrations.Report.parse("127.0.0.1:7001", clusterNodes(7001, " [6000->-" + A + "]"))));
    assertFalse(steady.agrees(SlotMigrations.Report.parse("127.0.0.1:7001",
        clusterNodes(7001, "").replace("5461-10922", "5462-10922"))), "a slot that moved away");
    assertFalse(steady.agrees(SlotMigrations.Report.parse("127.0.0.1:7009", clusterNodes(7001, ""))), "a node it does not know");
  }

  private static SlotMigrations view(String of7000, String of7001, String of7002) {
    return SlotMigrations.of(List.of(SlotMigrations.Report.parse("127.0.0.1:7000", of7000),
        SlotMigrations.Report.parse("127.0.0.1:7001", of7001), SlotMigrations.Report.parse("127.0.0.1:7002", of7002)));
  }
}
