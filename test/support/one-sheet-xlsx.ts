import { writeZip } from './zip-writer';

/** The smallest .xlsx the exchange reads: a workbook of one sheet, "S", whose XML is `sheetXml`. */
export const oneSheetXlsx = (sheetXml: string): Buffer =>
  writeZip([
    { name: '[Content_Types].xml', data: '<Types/>' },
    { name: 'xl/workbook.xml', data: '<workbook xmlns:r="r"><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>' },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: '<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    },
    { name: 'xl/worksheets/sheet1.xml', data: sheetXml },
  ]);
