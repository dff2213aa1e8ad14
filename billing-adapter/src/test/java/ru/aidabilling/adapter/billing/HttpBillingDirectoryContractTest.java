package ru.aidabilling.adapter.billing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import ru.aidabilling.core.domain.BillingAccount;
import ru.aidabilling.core.domain.Phone;
import ru.aidabilling.core.port.out.BillingDirectory;
import ru.aidabilling.core.port.out.BillingDirectoryContract;
import ru.aidabilling.core.testing.RawServer;
import ru.aidabilling.core.testing.StubServer;
import ru.aidabilling.core.testing.StubServer.Reply;

/**
 * The billing contract against the real adapter talking to a loopback billing that writes its
 * answers the way the production one does ({@code client} for one account, {@code clients} for
 * several, balances as strings with {@code .} or {@code ,}, or as numbers; blanks as {@code ""} or
 * {@code null}; unknown phones as {@code {"client":null}} or 404).
 */
class HttpBillingDirectoryContractTest extends BillingDirectoryContract {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<StubServer> servers = new ArrayList<>();

  @AfterEach
  void stop() {
    servers.forEach(StubServer::close);
  }

  @Override
  protected BillingDirectory billingWith(Map<Phone, List<BillingAccount>> data) {
    StubServer s =
        new StubServer(
            r -> {
              String asked = r.query().get("phone");
              List<BillingAccount> accounts = asked == null ? null : data.get(new Phone(asked));
              if (accounts == null || accounts.isEmpty()) {
                return data.isEmpty()
                    ? Reply.json(404, "{\"error\":\"client not found\"}")
                    : Reply.json(200, "{\"client\":null}");
              }
              ObjectNode root = JSON.createObjectNode();
              if (accounts.size() == 1) {
                write(root.putObject("client"), accounts.get(0), 0);
              } else {
                ArrayNode list = root.putArray("clients");
                for (int i = 0; i < accounts.size(); i++) {
                  write(list.addObject(), accounts.get(i), i);
                }
              }
              return Reply.json(200, JSON.writeValueAsString(root));
            });
    servers.add(s);
    return new HttpBillingDirectory(BillingConfig.of(s.uri("/api/phone.php")));
  }

  /** Writes one account, varying the forms billing is known to use. */
  private static void write(ObjectNode o, BillingAccount a, int i) {
    o.put("fullname", a.fullName() == null ? "" : a.fullName());
    o.put("contract_number", a.contract());
    o.put("address", a.address());
    o.put("tariff", a.tariff() == null ? "" : a.tariff());
    o.put("unknown_field", "ignored");
    if (a.balance() == null) {
      o.putNull("ballance");
    } else if (i % 3 == 1) {
      o.put("ballance", a.balance().amount());
    } else if (i % 3 == 2) {
      o.put("ballance", a.balance().amount().toPlainString().replace('.', ','));
    } else {
      o.put("ballance", a.balance().amount().toPlainString());
    }
  }

  @Override
  protected BillingDirectory billingDown() {
    return new HttpBillingDirectory(
        BillingConfig.of(RawServer.refusedUri("/api/phone.php"))
            .withRetryDelay(Duration.ofMillis(10)));
  }
}
