// Test helpers: fixture loading and a complete alert exercising every CAP element.
import { readFileSync } from 'node:fs';
import type { CapAlert } from './model.js';

export function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
}

/** An alert using every CAP 1.2 element at least once (two info blocks, two areas). */
export function fullAlert(): CapAlert {
  return {
    identifier: '35050041600000_20250720093000_1',
    sender: 'warning@qz.example.gov.cn',
    sent: '2025-07-20T09:30:00+08:00',
    status: 'Exercise',
    msgType: 'Alert',
    source: '泉州市应急管理局值班室',
    scope: 'Restricted',
    restriction: '仅限应急管理系统内部',
    addresses: 'duty@qz "county duty"',
    code: ['GB/T 35965.1-2018', 'drill-2025'],
    note: '演练消息 & <测试>',
    incidents: 'inc-1 inc-2',
    info: [
      {
        language: 'zh-CN',
        category: ['Met', 'Safety'],
        event: '暴雨',
        responseType: ['Prepare', 'Monitor'],
        urgency: 'Expected',
        severity: 'Moderate',
        certainty: 'Possible',
        audience: '沿海乡镇',
        eventCode: [{ valueName: 'GBT35965:eventType', value: '11B03' }],
        effective: '2025-07-20T09:30:00+08:00',
        onset: '2025-07-20T12:00:00+08:00',
        expires: '2025-07-21T09:30:00+08:00',
        senderName: '泉州市气象台',
        headline: '泉州市气象台发布暴雨黄色预警[Ⅲ级/较重]',
        description: '第一行\r\n第二行 with "quotes" & <tags>',
        instruction: '注意防范',
        web: 'https://qz.example.gov.cn/w/1',
        contact: '0595-12121',
        parameter: [{ valueName: 'rainfall_mm_6h', value: '50' }],
        resource: [
          {
            resourceDesc: '雷达图',
            mimeType: 'image/png',
            size: 20480,
            uri: 'https://qz.example.gov.cn/r.png',
            digest: 'da39a3ee5e6b4b0d3255bfef95601890afd80709',
          },
          { resourceDesc: 'inline', mimeType: 'text/plain', derefUri: 'aGVsbG8=' },
        ],
        area: [
          {
            areaDesc: '晋江市',
            polygon: ['24.70,118.50 24.80,118.50 24.80,118.65 24.70,118.65 24.70,118.50'],
            circle: ['24.78,118.58 10.5'],
            geocode: [{ valueName: 'GBT35965:geocode', value: '350582000000' }],
            altitude: 0,
            ceiling: 3000,
          },
          { areaDesc: '石狮市', polygon: [], circle: [], geocode: [{ valueName: 'GBT35965:geocode', value: '350581000000' }] },
        ],
      },
      {
        language: 'en-US',
        category: ['Met'],
        event: 'Rainstorm',
        responseType: [],
        urgency: 'Expected',
        severity: 'Moderate',
        certainty: 'Possible',
        eventCode: [],
        parameter: [],
        resource: [],
        area: [{ areaDesc: 'Jinjiang', polygon: [], circle: [], geocode: [] }],
      },
    ],
  };
}
