/* Proof of work for visitors' forms (participation.protection): fetches a signed
   challenge from the site, finds the number n with SHA-256(salt + n) == challenge,
   and puts the ALTCHA v1 payload in the form's "altcha" field. No outside service. */
(function () {
  "use strict";
  var K = [0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2];

  function sha256hex(ascii) {
    var n = ascii.length, words = [], i, j;
    for (i = 0; i < n; i++) { words[i >> 2] |= (ascii.charCodeAt(i) & 0xff) << (24 - (i % 4) * 8); }
    words[n >> 2] |= 0x80 << (24 - (n % 4) * 8);
    var total = (((n + 8) >> 6) + 1) * 16;
    for (i = (n >> 2) + 1; i < total; i++) { words[i] = words[i] | 0; }
    words[total - 1] = n * 8;
    var h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    var w = new Array(64);
    for (i = 0; i < total; i += 16) {
      var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
      for (j = 0; j < 64; j++) {
        if (j < 16) { w[j] = words[i + j] | 0; } else {
          var x = w[j - 15], y = w[j - 2];
          var s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
          var s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
          w[j] = (w[j - 16] + s0 + w[j - 7] + s1) | 0;
        }
        var S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
        var t1 = (k + S1 + ((e & f) ^ (~e & g)) + K[j] + w[j]) | 0;
        var S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
        var t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        k = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      h[0] = (h[0] + a) | 0; h[1] = (h[1] + b) | 0; h[2] = (h[2] + c) | 0; h[3] = (h[3] + d) | 0;
      h[4] = (h[4] + e) | 0; h[5] = (h[5] + f) | 0; h[6] = (h[6] + g) | 0; h[7] = (h[7] + k) | 0;
    }
    var out = "";
    for (i = 0; i < 8; i++) { out += ("00000000" + (h[i] >>> 0).toString(16)).slice(-8); }
    return out;
  }

  function solve(ch, done) {
    var number = 0, max = ch.maxNumber || ch.maxnumber || 1000000;
    (function chunk() {
      var stop = Math.min(number + 5000, max + 1);
      for (; number < stop; number++) {
        if (sha256hex(ch.salt + number) === ch.challenge) { done(number); return; }
      }
      if (number > max) { done(null); return; }
      setTimeout(chunk, 0);
    })();
  }

  function widget(box) {
    var form = box.closest("form"), input = box.querySelector("input[name=altcha]");
    var status = box.querySelector(".pow-status"), ready = false, waiting = false;
    function say(state, text) { box.setAttribute("data-state", state); status.textContent = text; }
    say("working", "Đang xác minh chống thư rác (vài giây)…");
    fetch(box.getAttribute("data-challenge-url"), { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (ch) {
        solve(ch, function (number) {
          if (number === null) { say("error", "Không xác minh được. Hãy tải lại trang."); return; }
          input.value = btoa(JSON.stringify({ algorithm: ch.algorithm, challenge: ch.challenge,
            number: number, salt: ch.salt, signature: ch.signature }));
          ready = true;
          say("done", "Đã xác minh: bạn có thể gửi.");
          if (waiting && form) { form.submit(); }
        });
      })
      .catch(function () { say("error", "Không tải được phép xác minh. Hãy kiểm tra kết nối rồi tải lại trang."); });
    if (form) {
      form.addEventListener("submit", function (event) {
        if (!ready) { event.preventDefault(); waiting = true; say("working", "Đang hoàn tất xác minh, biểu mẫu sẽ tự gửi…"); }
      });
    }
  }

  document.querySelectorAll("[data-altcha]").forEach(widget);
})();
