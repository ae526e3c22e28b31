package vn.lienlac.api.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienlac.api.messages.Announcements.announcement;
import static vn.lienlac.api.messages.Announcements.count;
import static vn.lienlac.api.messages.Announcements.recipients;
import static vn.lienlac.api.messages.Announcements.scope;
import static vn.lienlac.api.messages.Announcements.send;

import io.vertx.pgclient.PgConnectOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.lienlac.api.testing.ApiTestServer;
import vn.lienlac.api.testing.TestDistrict;
import vn.lienlac.messaging.expansion.Expander;
import vn.lienlac.messaging.expansion.ExpansionOptions;
import vn.lienlac.messaging.expansion.RecipientExpansion;

class RecipientExpansionTest {

  static ApiTestServer api;

  /** Class S2-7B1 gets 9 more families (guardians 2001–2009), 2001 with two children there. */
  @BeforeAll
  static void start() {
    api = ApiTestServer.start("recipient_expansion");
    TestDistrict.create(api);
    api.sql("""
        INSERT INTO directory.student (national_id, full_name, class_code, status, upstream_updated_at)
        SELECT 'X' || i, 'Học sinh ' || i, 'S2-7B1', 'studying', now() FROM generate_series(1, 10) i""",
        """
        INSERT INTO directory.guardian (id, full_name, phone_e164, language, upstream_updated_at)
        SELECT 2000 + i, 'Phụ huynh ' || i, '+8490200' || lpad(i::text, 4, '0'), 'vi', now() FROM generate_series(1, 9) i""",
        """
        INSERT INTO directory.guardian_student (student_id, guardian_id, relationship, primary_contact, upstream_updated_at)
        SELECT 'X' || i, 2000 + least(i, 9) - CASE WHEN i = 10 THEN 8 ELSE 0 END, 'mother', true, now()
          FROM generate_series(1, 10) i""");
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void a_class_message_reaches_the_guardians_of_current_students_only() {
    long id = send(api, TestDistrict.homeroomTeacherOf6A1(), announcement(scope("class", "S1-6A1")));
    Announcements.expandAll(api);
    // ST4 left the school: their guardian G4 is not addressed.
    assertThat(recipients(api, id)).isEqualTo(Map.of(TestDistrict.G1, List.of("ST1")));
    assertThat(count(api, "SELECT count(*) FROM messaging.message WHERE status = 'queued' AND id = " + id)).isEqualTo(1);
  }

  @Test
  void siblings_in_the_audience_give_their_guardian_one_row_naming_both() {
    long id = send(api, TestDistrict.principalOfSchool1(), announcement(scope("grade", "S1:6")));
    Announcements.expandAll(api);
    assertThat(recipients(api, id)).isEqualTo(Map.of(
        TestDistrict.G1, List.of("ST1", "ST2"),
        TestDistrict.G2, List.of("ST2")));
  }

  @Test
  void a_guardian_scope_addresses_that_guardian_alone() {
    long id = send(api, TestDistrict.homeroomTeacherOf6A2(), announcement(scope("guardian", "1002")));
    Announcements.expandAll(api);
    assertThat(recipients(api, id)).isEqualTo(Map.of(TestDistrict.G2, List.of("ST2")));
  }

  @Test
  void a_district_officer_reaches_chosen_schools_or_the_whole_district() {
    long chosen = send(api, TestDistrict.districtOfficer(), announcement(scope("school", "S1")));
    long whole = send(api, TestDistrict.districtOfficer(), announcement(scope("district", "PGD01")));
    Announcements.expandAll(api);
    assertThat(recipients(api, chosen)).isEqualTo(Map.of(TestDistrict.G1, List.of("ST1", "ST2"),
        TestDistrict.G2, List.of("ST2")));
    Map<Long, List<String>> district = recipients(api, whole);
    assertThat(district).containsEntry(TestDistrict.G1, List.of("ST1", "ST2"))
        .containsEntry(TestDistrict.G3, List.of("ST3"))
        .containsEntry(2001L, List.of("X1", "X10"))
        .doesNotContainKeys(TestDistrict.G4, TestDistrict.G9, TestDistrict.G10)
        .hasSize(12);
  }

  @Test
  void removed_links_and_guardians_are_not_addressed() {
    api.sql("UPDATE directory.guardian_student SET removed_at = now() WHERE guardian_id = 2003",
        "UPDATE directory.guardian SET removed_at = now() WHERE id = 2004");
    try {
      long id = send(api, TestDistrict.teacherOfSchool2(), announcement(scope("class", "S2-7B1")));
      Announcements.expandAll(api);
      assertThat(recipients(api, id)).doesNotContainKeys(2003L, 2004L).containsKey(2005L);
    } finally {
      api.sql("UPDATE directory.guardian_student SET removed_at = NULL WHERE guardian_id = 2003",
          "UPDATE directory.guardian SET removed_at = NULL WHERE id = 2004");
    }
  }

  @Test
  void an_expansion_stopped_half_way_resumes_after_its_last_chunk_with_one_row_per_guardian() throws Exception {
    long id = send(api, TestDistrict.teacherOfSchool2(), announcement(scope("class", "S2-7B1")));
    ExpansionOptions chunksOfTwo = ExpansionOptions.DEFAULTS.withChunkSize(2).withLease(Duration.ofMillis(200));
    Announcements.RecordedEvents events = new Announcements.RecordedEvents();
    Expander dying = Announcements.expander(api, "dying-worker", chunksOfTwo, events);
    assertThat(ApiTestServer.await(dying.expandNext(2)).messageId()).isEqualTo(id);
    assertThat(count(api, "SELECT count(*) FROM messaging.recipient WHERE message_id = " + id)).isEqualTo(4);
    assertThat(count(api, "SELECT after_guardian FROM messaging.message_expansion WHERE message_id = " + id))
        .isEqualTo(2003);
    // Its claim holds until the lease runs out: nobody else takes the message meanwhile.
    Expander other = Announcements.expander(api, "other-worker", chunksOfTwo, events);
    assertThat(ApiTestServer.await(other.claim())).isNull();
    Thread.sleep(300);
    assertThat(ApiTestServer.await(other.expandNext(Integer.MAX_VALUE)).messageId()).isEqualTo(id);

    assertThat(recipients(api, id)).hasSize(10).containsEntry(2001L, List.of("X1", "X10"));
    assertThat(count(api, "SELECT sum(recipients) FROM messaging.message_count WHERE message_id = " + id)).isEqualTo(10);
    assertThat(count(api, "SELECT count(*) FROM messaging.message WHERE status = 'queued' AND id = " + id)).isEqualTo(1);

    // A re-run from the start (a crash before the position was kept) inserts and counts nothing twice.
    api.sql("UPDATE messaging.message_expansion SET after_guardian = -1, finished_at = NULL, lease_until = NULL"
        + " WHERE message_id = " + id, "UPDATE messaging.message SET status = 'expanding' WHERE id = " + id);
    Announcements.expandAll(api);
    assertThat(count(api, "SELECT count(*) FROM messaging.recipient WHERE message_id = " + id)).isEqualTo(10);
    assertThat(count(api, "SELECT sum(recipients) FROM messaging.message_count WHERE message_id = " + id)).isEqualTo(10);
    assertThat(events.published).as("no realtime event for a message over one chunk").isEmpty();
  }

  @Test
  void a_district_wide_expansion_resumes_by_guardian_range_after_a_stop() throws Exception {
    long id = send(api, TestDistrict.districtOfficer(), announcement(scope("district", "PGD01")));
    ExpansionOptions chunksOfTwo = ExpansionOptions.DEFAULTS.withChunkSize(2).withLease(Duration.ofMillis(200));
    Announcements.RecordedEvents events = new Announcements.RecordedEvents();
    assertThat(ApiTestServer.await(Announcements.expander(api, "dying", chunksOfTwo, events).expandNext(3)).messageId())
        .isEqualTo(id);
    long partial = count(api, "SELECT count(*) FROM messaging.recipient WHERE message_id = " + id);
    assertThat(partial).isBetween(1L, 11L);
    Thread.sleep(300);
    ApiTestServer.await(Announcements.expander(api, "heir", chunksOfTwo, events).expandNext(Integer.MAX_VALUE));
    assertThat(recipients(api, id)).hasSize(12).containsEntry(TestDistrict.G1, List.of("ST1", "ST2"));
    assertThat(count(api, "SELECT sum(recipients) FROM messaging.message_count WHERE message_id = " + id)).isEqualTo(12);
    assertThat(count(api, "SELECT count(*) FROM messaging.message WHERE status = 'queued' AND id = " + id)).isEqualTo(1);
  }

  @Test
  void emergency_messages_are_expanded_first() {
    long normal = send(api, TestDistrict.teacherOfSchool2(), announcement(scope("class", "S2-7B1")));
    long urgent = send(api, TestDistrict.teacherOfSchool2(), announcement(scope("class", "S2-7B1")).put("priority", "emergency"));
    Expander e = Announcements.expander(api, "w", ExpansionOptions.DEFAULTS, new Announcements.RecordedEvents());
    assertThat(ApiTestServer.await(e.expandNext(Integer.MAX_VALUE)).messageId()).isEqualTo(urgent);
    assertThat(ApiTestServer.await(e.expandNext(Integer.MAX_VALUE)).messageId()).isEqualTo(normal);
  }

  @Test
  void each_recipient_guardian_hears_of_a_small_message_in_realtime() {
    long id = send(api, TestDistrict.principalOfSchool1(), announcement(scope("school", "S1")));
    Announcements.RecordedEvents events = new Announcements.RecordedEvents();
    Expander e = Announcements.expander(api, "w-events", ExpansionOptions.DEFAULTS, events);
    while (ApiTestServer.await(e.expandNext(Integer.MAX_VALUE)) != null) {
      // expand everything due
    }
    assertThat(events.published).contains("g:1001 message.created " + id, "g:1002 message.created " + id);
  }

  @Test
  void the_workers_expand_a_new_message_when_woken_by_its_notification() throws Exception {
    RecipientExpansion verticle = new RecipientExpansion(api.pool, PgConnectOptions.fromUri(api.url.uri()),
        ExpansionOptions.DEFAULTS.withChunkSize(3), new Announcements.RecordedEvents());
    String deployment = ApiTestServer.await(api.vertx.deployVerticle(verticle));
    try {
      long id = send(api, TestDistrict.teacherOfSchool2(), announcement(scope("class", "S2-7B1")));
      long deadline = System.currentTimeMillis() + 10_000;
      while (count(api, "SELECT count(*) FROM messaging.message WHERE status = 'queued' AND id = " + id) == 0) {
        assertThat(System.currentTimeMillis()).as("expanded within 10 s").isLessThan(deadline);
        Thread.sleep(50);
      }
      assertThat(recipients(api, id)).hasSize(10);
    } finally {
      ApiTestServer.await(api.vertx.undeploy(deployment));
    }
  }
}
