// Writes reference-cases.json: generated texts with the lengths npm twitter-text@3.1.0 gives them.
// Run: npm install twitter-text@3.1.0 && node generate.js reference-cases.json
const t = require('twitter-text');
const frags = ["sécurité","Maroc","l’été","«","»","“x”","1 200","8,5 %","3.4","91ᵉ","€","…","\u202F","—","(",")","&","<b>","\"","'",".",",",":","!","?",
"👨‍👩‍👧‍👦","👍🏽","🇲🇦","1️⃣","1⃣","#️⃣","🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}","❤️","❤","❤️‍🔥","🧕🏾","👩🏽‍🚀","👨‍🦖","🐱‍🐉","👁️‍🗨️","©","®","™","‼","☺","☺︎","⌚","↔️","🅰","🈚","🏻","🇦","e\u0301","a\u0308\u0323","ﷺ","\u200D","\uFE0F",
"会议今天开始","あいう","한국어","，","。","الاجتماع","المغرب؟","שלום","\u200F","\u2066",
"https://example.com/path?q=1","www.lemonde.fr/a-b","t.co/x","https://www.lematin.ma/nation/article-12345.html","http://例え.jp/パス","https://fr.wikipedia.org/wiki/Rabat_(ville)",
"lemonde.fr","bit.ly","bit.ly/abc","foo.co","example.com:8080/x","https://a.ma/p?x=1&y=2.","https://a.ma/p)","(https://a.ma/p)","https://a.ma/p…","https://a.ma/»","exemple.test/x","sub.domain.museum","http://xn--80ak6aa92e.com",
"https://t.co/abcdef","https://a.ma/p(a)b","https://a.ma/p(a(b)c)","https://a.ma/p((x))","https://a.ma/x?","https://a.ma/x?a=","https://a.ma/x?a=1.","https://a.ma/x.?q=1","a.ma/é/ü","https://a.ma/путь","https://a.ma/x–y","https://t.co/abcdefghijklmnopqrstuvwxyzabcdefghijklmnopq","http://t.co/abc?x=1.","https://a.ma:/x","https://a.ma:80","a.ma?q=1","https://a.ma/(x","https://a.ma/x)(y)","HTTP://A.MA/Path","HTTPS://EXAMPLE.COM/UP","user@example.com","#Maroc","@handle","$cash","a.b.c.d","x.y","1.2.3.4","https://1.2.3.4/x","www.x.y.z.com/%20a","http://foo.com/#frag","http://foo.com/?","foo.com/bar/baz/","\u2060@h",
"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx.com","a-b.com","-ab.com","ab-.com","a_b.example.com","http://a_b.com"];
const seps = [" "," ","  ","\n","",".",",","\u00A0"];
let rnd = 12345; function r(n){ rnd = (rnd * 1103515245 + 12345) & 0x7fffffff; return rnd % n; }
const out = [];
for (let i = 0; i < 1500; i++) {
  let s = ""; const n = 1 + r(12);
  for (let j = 0; j < n; j++) { s += frags[r(frags.length)]; s += seps[r(seps.length)]; }
  const p = t.parseTweet(s);
  out.push({text: s, w: p.weightedLength, valid: p.valid, vre: p.validRangeEnd});
}
require('fs').writeFileSync(process.argv[2] || 'reference-cases.json', JSON.stringify(out, null, 0).replace(/},{/g, '},\n{'));
console.log(out.length);
