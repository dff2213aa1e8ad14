package ru.aidabilling.http.sandbox;

import static ru.aidabilling.http.sandbox.Html.escape;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The sandbox's demo page: a FreeScout-like customer profile that renders the module's block with
 * the module's own markup, script and stylesheet, so the real {@code module.js} runs here unchanged
 * — under a CSP like FreeScout's and without a single external request. Profile values come from
 * the fake FreeScout's current state and every value is escaped.
 */
final class DemoPage {
  /** FreeScout's CSP, tightened where the sandbox needs less (no external images). */
  static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
          + " img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

  private DemoPage() {}

  /**
   * The page for one customer; an unknown id renders the list and a "not found" notice. {@code
   * timeoutSeconds} is the block's {@code data-timeout}: how long the sync route may take.
   */
  static String render(SandboxUpstreams up, long selected, String csrfToken, int timeoutSeconds) {
    Optional<FakeCustomer> customer = up.customer(selected);
    Optional<SandboxCase> scenario =
        up.cases().stream().filter(c -> c.id() == selected).findFirst();
    StringBuilder h = new StringBuilder(16_384);
    h.append("<!DOCTYPE html>\n<html lang=\"ru\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta name=\"csrf-token\" content=\"")
        .append(escape(csrfToken))
        .append("\">\n<title>")
        .append(customer.map(c -> "Клиент #" + c.id() + " · ").orElse("Клиент не найден · "))
        .append("Песочница AidaBilling</title>\n")
        .append("<link rel=\"icon\" href=\"data:,\">\n")
        .append("<link rel=\"stylesheet\" href=\"/sandbox/assets/module.css\">\n")
        .append("<style>\n")
        .append(STYLE)
        .append("</style>\n</head>\n<body>\n");
    h.append("<nav class=\"navbar\"><div class=\"navbar-inner\">")
        .append("<span class=\"navbar-brand\">FreeScout</span>")
        .append("<span class=\"navbar-text\">Песочница AidaBilling: биллинг и FreeScout —")
        .append(" локальные заглушки, данные вымышленные</span></div></nav>\n");
    h.append("<div class=\"layout\">\n");
    sidebar(h, up.cases(), selected);
    h.append("<main class=\"content\">\n");
    if (customer.isEmpty()) {
      h.append("<div class=\"panel\"><div class=\"panel-body\"><h3>Клиент не найден</h3>")
          .append("<p class=\"text-muted\">В песочнице нет клиента #")
          .append(selected)
          .append(". Выберите клиента в списке слева.</p></div></div>\n");
    } else {
      FakeCustomer c = customer.get();
      h.append("<h2 class=\"page-title\">")
          .append(escape(Optional.ofNullable(c.displayName()).orElse("Клиент без имени")))
          .append(" <small>#")
          .append(c.id())
          .append("</small></h2>\n<div class=\"columns\">\n<div class=\"col-profile panel\">")
          .append("<div class=\"panel-body\">\n");
      profile(h, c, timeoutSeconds);
      h.append("</div></div>\n<div class=\"col-side\">\n");
      scenario.ifPresent(s -> scenarioPanel(h, s));
      fieldsPanel(h, c);
      h.append("</div>\n</div>\n");
    }
    h.append("</main>\n</div>\n")
        .append("<script src=\"/sandbox/assets/module.js\"></script>\n")
        .append("</body>\n</html>\n");
    return h.toString();
  }

  private static void sidebar(StringBuilder h, List<SandboxCase> cases, long selected) {
    h.append("<aside class=\"sidebar\"><div class=\"sidebar-title\">Клиенты песочницы</div>\n")
        .append("<ul class=\"sandbox-customers\">\n");
    for (SandboxCase c : cases) {
      h.append("<li")
          .append(c.id() == selected ? " class=\"active\"" : "")
          .append("><a href=\"/?customer=")
          .append(c.id())
          .append("\" data-customer-id=\"")
          .append(c.id())
          .append("\"><span class=\"sc-id\">#")
          .append(c.id())
          .append("</span> <span class=\"sc-title\">")
          .append(escape(c.title()))
          .append("</span></a></li>\n");
    }
    h.append("</ul></aside>\n");
  }

  /** The profile as FreeScout's {@code profile_snippet} shows it, then the module's hook output. */
  private static void profile(StringBuilder h, FakeCustomer c, int timeoutSeconds) {
    h.append("<div class=\"customer-profile-container\">\n")
        .append("<div class=\"customer-photo-container\"><span class=\"customer-photo\">")
        .append(escape(initials(c)))
        .append("</span></div>\n<div class=\"customer-data\">\n")
        .append("<a class=\"customer-name\" href=\"/?customer=")
        .append(c.id())
        .append("\">")
        .append(escape(Optional.ofNullable(c.displayName()).orElse("(без имени)")))
        .append("</a>\n");
    if (c.company() != null) {
      h.append("<div class=\"customer-company\">").append(escape(c.company())).append("</div>\n");
    }
    h.append("<ul class=\"customer-contacts customer-section\">\n");
    for (String email : c.emails()) {
      h.append("<li class=\"customer-email\"><i class=\"glyphicon glyphicon-envelope\"></i> ")
          .append(escape(email))
          .append("</li>\n");
    }
    for (FakeCustomer.PhoneEntry p : c.phones()) {
      h.append("<li class=\"customer-phone\"><i class=\"glyphicon glyphicon-earphone\"></i> ")
          .append(escape(p.value()))
          .append(" <small class=\"text-help\">")
          .append(escape(phoneType(p.type())))
          .append("</small></li>\n");
    }
    if (c.phones().isEmpty()) {
      h.append("<li class=\"customer-no-phone text-muted\">Телефон не указан</li>\n");
    }
    h.append("</ul>\n");
    if (c.address() != null || c.zip() != null || c.city() != null || c.state() != null) {
      h.append("<div class=\"customer-section customer-address\">");
      if (c.address() != null) {
        h.append("<div class=\"customer-street\">").append(escape(c.address())).append("</div>");
      }
      h.append("<div>");
      if (c.zip() != null) {
        h.append("<span class=\"customer-zip\">").append(escape(c.zip())).append("</span> ");
      }
      if (c.city() != null) {
        h.append("<span class=\"customer-city\">").append(escape(c.city())).append("</span> ");
      }
      if (c.state() != null) {
        h.append("<span class=\"customer-state\">").append(escape(c.state())).append("</span>");
      }
      h.append("</div></div>\n");
    }
    if (!c.websites().isEmpty()) {
      h.append("<ul class=\"customer-section customer-websites\">\n");
      for (String w : c.websites()) {
        h.append("<li>");
        if (w.startsWith("http://") || w.startsWith("https://")) {
          h.append("<a href=\"")
              .append(escape(w))
              .append("\" target=\"_blank\" rel=\"noopener noreferrer\">")
              .append(escape(w))
              .append("</a>");
        } else {
          h.append("<span class=\"text-muted\">").append(escape(w)).append("</span>");
        }
        h.append("</li>\n");
      }
      h.append("</ul>\n");
    }
    moduleBlock(h, c, timeoutSeconds);
    h.append("</div>\n</div>\n");
  }

  /**
   * The module's {@code partials/profile_block.blade.php} for a single profile (seed ids on), with
   * the sandbox's sync URL where Blade renders {@code route('aidabilling.sync')} and the fake
   * FreeScout's current fields in {@code data-profile}, and the sandbox route's time-out in {@code
   * data-timeout} where Blade renders the module's time-out setting. module.js takes its Russian
   * labels from its built-in defaults, which are the module's ru.json texts.
   */
  static void moduleBlock(StringBuilder h, FakeCustomer c, int timeoutSeconds) {
    String id = Long.toString(c.id());
    h.append("<div class=\"aida-billing customer-section\" data-customer-id=\"")
        .append(id)
        .append("\" data-reload=\"1\" data-timeout=\"")
        .append(timeoutSeconds)
        .append("\" data-profile=\"")
        .append(escape(ProfileValues.json(c)))
        .append("\">\n");
    AmoCrmLinks.pick(c.websites())
        .ifPresent(
            url ->
                h.append("    <div class=\"aida-amocrm-link\">\n")
                    .append(
                        "        <i class=\"glyphicon glyphicon-link\" aria-hidden=\"true\"></i>\n")
                    .append("        <a href=\"")
                    .append(escape(url))
                    .append("\" target=\"_blank\" rel=\"noopener noreferrer\">")
                    .append("Профиль в AMOCRM</a>\n")
                    .append("    </div>\n"));
    h.append("    <button type=\"button\" id=\"aida-request-balance-btn\"")
        .append(" class=\"btn btn-default btn-sm aida-request-balance-btn\" data-customer-id=\"")
        .append(id)
        .append("\" data-url=\"")
        .append(escape("/sandbox/customers/" + id + "/sync"))
        .append("\">\n        <i class=\"glyphicon glyphicon-ruble\" aria-hidden=\"true\"></i>\n")
        .append("        <span class=\"aida-btn-label\">Запросить баланс</span>\n")
        .append("    </button>\n")
        .append("    <div id=\"aida-balance-result\" class=\"aida-balance-result\"")
        .append(" aria-live=\"polite\"></div>\n")
        .append("</div>\n");
  }

  private static void scenarioPanel(StringBuilder h, SandboxCase s) {
    h.append("<div class=\"panel panel-info scenario\"><div class=\"panel-heading\">")
        .append(escape(s.title()))
        .append("</div><div class=\"panel-body\">")
        .append(escape(s.description()))
        .append("</div></div>\n");
  }

  /** FreeScout's stored fields, as the API reads them now: what a sync wrote is visible here. */
  private static void fieldsPanel(StringBuilder h, FakeCustomer c) {
    h.append("<div class=\"panel\"><div class=\"panel-heading\">Поля клиента в FreeScout</div>")
        .append("<table class=\"table fields\">\n");
    row(h, "firstName", "Имя", c.firstName());
    row(h, "lastName", "Фамилия", c.lastName());
    row(h, "company", "Компания", c.company());
    row(h, "zip", "Индекс", c.zip());
    row(h, "city", "Город", c.city());
    row(h, "address", "Адрес", c.address());
    row(h, "updatedAt", "Изменён", formatTime(c.updatedAt()));
    h.append("</table></div>\n");
  }

  private static void row(StringBuilder h, String field, String label, String value) {
    h.append("<tr><th>")
        .append(escape(label))
        .append("</th><td data-field=\"")
        .append(field)
        .append("\"")
        .append(value == null ? " class=\"text-muted\">(пусто)" : ">" + escape(value))
        .append("</td></tr>\n");
  }

  private static String formatTime(Instant t) {
    return t.toString().replace('T', ' ').replace("Z", " UTC");
  }

  /** The avatar's letters: the first letter of the first and of the last name. */
  private static String initials(FakeCustomer c) {
    StringBuilder s = new StringBuilder();
    for (String part : new String[] {c.firstName(), c.lastName()}) {
      if (part != null) {
        part.codePoints().filter(Character::isLetter).findFirst().ifPresent(s::appendCodePoint);
      }
    }
    return s.length() == 0 ? "?" : s.toString().toUpperCase(java.util.Locale.ROOT);
  }

  private static String phoneType(String type) {
    return switch (type) {
      case "work" -> "рабочий";
      case "home" -> "домашний";
      case "mobile" -> "мобильный";
      case "fax" -> "факс";
      case "pager" -> "пейджер";
      default -> "другой";
    };
  }

  /**
   * Bootstrap-3-like basics (FreeScout's look) for what the module's block and the page use; the
   * link and alert colours and the focused button without an outline are FreeScout 1.8's own (its
   * bootstrap.css), which the module's contrast and focus indicator must meet.
   */
  private static final String STYLE =
      """
      *,*:before,*:after{box-sizing:border-box}
      html{font-size:14px}
      body{margin:0;font-family:"Helvetica Neue",Helvetica,Arial,"DejaVu Sans",sans-serif;
        font-size:14px;line-height:1.42857;color:#333;background:#f1f3f5}
      a{color:#0078d7;text-decoration:none}a:hover,a:focus{color:#23527c;text-decoration:underline}
      small,.small{font-size:85%}
      h2,h3,h4{font-weight:500;line-height:1.1;margin:0 0 10px}
      .text-muted,.text-help{color:#8a949c}.text-danger{color:#a94442}.text-success{color:#3c763d}
      .navbar{background:#0068bd;color:#fff;min-height:46px;
        box-shadow:0 1px 2px rgba(0,0,0,.15)}
      .navbar-inner{display:flex;align-items:center;gap:18px;padding:0 20px;min-height:46px}
      .navbar-brand{font-size:18px;font-weight:600;letter-spacing:.3px}
      .navbar-text{opacity:.85;font-size:13px}
      .layout{display:flex;align-items:flex-start;gap:20px;padding:20px;max-width:1240px}
      .sidebar{flex:0 0 230px;background:#fff;border:1px solid #dde3e8;border-radius:4px}
      .sidebar-title{padding:10px 14px;font-weight:600;border-bottom:1px solid #dde3e8;
        background:#f7f9fa;border-radius:4px 4px 0 0}
      .sandbox-customers{list-style:none;margin:0;padding:4px 0}
      .sandbox-customers a{display:block;padding:7px 14px;color:#333}
      .sandbox-customers a:hover{background:#f1f6fb;text-decoration:none}
      .sandbox-customers li.active a{background:#e3effa;color:#004b89;font-weight:600;
        border-left:3px solid #0068bd;padding-left:11px}
      .sc-id{color:#8a949c;display:inline-block;min-width:28px}
      .content{flex:1;min-width:0}
      .page-title{font-size:22px;margin-bottom:14px}.page-title small{color:#8a949c;font-size:60%}
      .columns{display:flex;gap:20px;align-items:flex-start;flex-wrap:wrap}
      .col-profile{flex:0 0 360px;min-width:0}.col-side{flex:1;min-width:280px}
      .panel{background:#fff;border:1px solid #dde3e8;border-radius:4px;margin-bottom:20px;
        box-shadow:0 1px 1px rgba(0,0,0,.04)}
      .panel-heading{padding:10px 15px;border-bottom:1px solid #dde3e8;background:#f7f9fa;
        font-weight:600;border-radius:4px 4px 0 0}
      .panel-info .panel-heading{background:#d9edf7;color:#31708f;border-color:#bce8f1}
      .panel-body{padding:15px}
      .table{width:100%;border-collapse:collapse}
      .table th,.table td{padding:7px 15px;border-top:1px solid #eef1f3;text-align:left;
        vertical-align:top}
      .table tr:first-child th,.table tr:first-child td{border-top:0}
      .table th{width:120px;color:#5d6a74;font-weight:500}
      .customer-profile-container{display:flex;gap:14px}
      .customer-photo{display:flex;align-items:center;justify-content:center;width:50px;
        height:50px;border-radius:50%;background:#b8c4ce;color:#fff;font-size:18px;font-weight:600}
      .customer-data{flex:1;min-width:0;word-wrap:break-word}
      .customer-name{font-size:18px;font-weight:600;display:block;margin-bottom:2px}
      .customer-company{color:#5d6a74;margin-bottom:4px}
      .customer-section{margin:10px 0 0}
      ul.customer-section,ul.customer-contacts{list-style:none;padding:0}
      .customer-contacts li{margin:3px 0}
      .glyphicon{display:inline-block;width:1.1em;text-align:center;color:#8a949c;
        font-style:normal}
      .glyphicon-envelope:before{content:"\\2709"}.glyphicon-earphone:before{content:"\\260E"}
      .glyphicon-link:before{content:"\\2197"}.glyphicon-ruble:before{content:"\\20BD"}
      .btn{display:inline-block;padding:6px 12px;margin:0;font-size:14px;line-height:1.42857;
        text-align:center;white-space:nowrap;vertical-align:middle;cursor:pointer;
        border:1px solid transparent;border-radius:4px;user-select:none;font-family:inherit}
      .btn-sm{padding:5px 10px;font-size:12px;line-height:1.5;border-radius:3px}
      .btn-xs{padding:1px 5px;font-size:12px;line-height:1.5;border-radius:3px}
      .btn-default{color:#333;background:#fff;border-color:#ccc}
      .btn-default:hover{background:#e6e6e6;border-color:#adadad}
      .btn-default:focus,.btn-default.focus{border-color:#a5a9ac;background-color:#f1f3f5;
        outline:none!important}
      .btn-primary{color:#fff;background:#0068bd;border-color:#005aa3}
      .btn-primary:hover{background:#00569c}
      .btn[disabled],.btn.disabled{cursor:not-allowed;opacity:.65;box-shadow:none}
      .alert{padding:10px 12px;margin:10px 0;border:1px solid transparent;border-radius:4px}
      .alert-success{color:#6ac27b;background:#deffde;border-color:#d6e9c6}
      .alert-danger{color:#d9534f;background:#f5e2e1;border-color:#ebccd1}
      .alert-warning{color:#b37100;background:#fcf8e3;border-color:#faebcc}
      .alert-info{color:#31708f;background:#d9edf7;border-color:#bce8f1}
      .list-unstyled{list-style:none;padding-left:0}
      .radio{display:block;margin:5px 0}.radio label{font-weight:400;cursor:pointer}
      .label{display:inline;padding:.2em .6em .3em;font-size:75%;font-weight:700;color:#fff;
        border-radius:.25em;background:#777}
      .label-danger{background:#d9534f}.label-success{background:#5cb85c}
      [hidden]{display:none!important}
      """;
}
