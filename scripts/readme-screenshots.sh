#!/usr/bin/env bash
# Regenerates the storefront's README images (docs/images/storefront-*.png) from the browser tests:
# StorefrontBrowserIT and StoreLimitsIT save a screenshot of each page they pass through to
# payonce-service/target/screenshots/, and this script copies the ones the README shows. Nothing is
# drawn by hand. Needs Debian's chromium and chromium-driver (as the tests do) and, for the Chinese
# page to show its characters, a CJK font: apt-get install -y fonts-noto-cjk.
set -euo pipefail
cd "$(dirname "$0")/.."

shots=payonce-service/target/screenshots
rm -rf "$shots"
./mvnw -B -ntp -q -pl payonce-service -am -Dtest='StorefrontBrowserIT,StoreLimitsIT' -Dsurefire.failIfNoSpecifiedTests=false verify

mkdir -p docs/images
for page in storefront-products storefront-product storefront-product-phone-zh sandbox-gateway-pay-page storefront-order \
            storefront-lookup storefront-captcha; do
  cp "$shots/$page.png" "docs/images/$page.png"
done
echo "readme-screenshots: docs/images/storefront-*.png and sandbox-gateway-pay-page.png regenerated from $shots"
