import "@doorstep/web-shared/testing/setup";
import "@/lib/i18n/i18n";
