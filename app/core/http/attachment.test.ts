import { expect, test } from 'vitest';

import { attachmentHeader } from './attachment';

test('the attachment header has an ASCII fallback and the exact UTF-8 name', () => {
  expect(attachmentHeader('报告 2026 (final).pdf')).toBe(
    `attachment; filename="__ 2026 (final).pdf"; filename*=UTF-8''%E6%8A%A5%E5%91%8A%202026%20%28final%29.pdf`,
  );
  expect(attachmentHeader('a"b;c%.pdf')).toBe(
    `attachment; filename="a_b_c_.pdf"; filename*=UTF-8''a%22b%3Bc%25.pdf`,
  );
});

test('a fallback name given is used as the ASCII name, made safe the same way', () => {
  expect(attachmentHeader('报告轮次 2024.pptx', 'iki-china-pack-2024-round-en+zh.pptx')).toBe(
    `attachment; filename="iki-china-pack-2024-round-en+zh.pptx"; filename*=UTF-8''%E6%8A%A5%E5%91%8A%E8%BD%AE%E6%AC%A1%202024.pptx`,
  );
  expect(attachmentHeader('x.pptx', 'a"é.pptx')).toBe(
    `attachment; filename="a__.pptx"; filename*=UTF-8''x.pptx`,
  );
});
