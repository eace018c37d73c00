// Demo courses: three courses in Vietnamese with English titles, real short lessons, a few quizzes, and demo
// students at different progress levels. Deterministic. student2 has completed one course: completed_at is set
// directly (no hook), so the certificates seed issues that certificate.
import { addLesson, addModule, createCourse } from "~/courses/builder.server";
import { addQuestion, saveQuizSettings, updateLesson } from "~/courses/lesson-builder.server";
import type { CourseForm } from "~/courses/schemas";
import { addMinutes } from "~/lib/time";
import type { SeedContext } from "./context";

type Q = { vi: string; en: string; kind: "single" | "multiple"; options: [string, boolean][] };
type L = { vi: string; en: string; md: string; mdEn?: string; min: number; optional?: boolean; video?: string; quiz?: Q[] };
type M = { vi: string; en: string; lessons: L[] };
type C = { form: CourseForm; modules: M[] };

const COURSES: C[] = [
  {
    form: {
      slug: "lap-trinh-python-cho-hoc-sinh", titleVi: "Lập trình Python cho học sinh", titleEn: "Python programming for students",
      summaryVi: "Học Python từ con số 0: biến, điều kiện, vòng lặp và một trò chơi nhỏ của riêng bạn.", summaryEn: "Python from zero: variables, conditions, loops and a small game of your own.",
      descriptionVi: "Khóa học trực tuyến dành cho học sinh lớp 7–10. Mỗi bài học khoảng 15 phút, có ví dụ chạy được ngay trên trình duyệt (ví dụ trên **trinket.io** hoặc **replit.com**).\n\nHoàn thành khóa học để nhận chứng nhận của trung tâm.",
      gradeMin: 7, gradeMax: 10, topics: "lập trình, python", enrolmentMode: "open", estimatedHours: 6,
    },
    modules: [
      { vi: "Làm quen với Python", en: "Getting started", lessons: [
        { vi: "Python là gì?", en: "What is Python?", min: 10, video: "https://www.youtube.com/watch?v=kqtD5dpn9C8",
          md: "## Python là gì?\n\nPython là một **ngôn ngữ lập trình** dễ đọc, gần với tiếng Anh thông thường. Các kỹ sư dùng Python để phân tích dữ liệu, điều khiển robot, làm trang web và cả trí tuệ nhân tạo.\n\nVì cú pháp gọn gàng, Python rất hợp để bắt đầu học lập trình. Trong khóa học này, bạn sẽ viết những chương trình nhỏ nhưng hữu ích.\n\n### Bạn sẽ học được gì\n\n- Viết và chạy chương trình Python đầu tiên\n- Dùng biến để ghi nhớ dữ liệu\n- Ra quyết định bằng `if`\n- Lặp lại công việc bằng `for` và `while`",
          mdEn: "## What is Python?\n\nPython is an easy-to-read **programming language**. Engineers use it for data, robots, websites and AI. Its tidy syntax makes it a great first language." },
        { vi: "Chương trình đầu tiên", en: "Your first program", min: 15,
          md: "## Xin chào, thế giới!\n\nMở trang **replit.com** (hoặc cài Python từ python.org), tạo một tệp mới và gõ:\n\n```python\nprint(\"Xin chào, thế giới!\")\n```\n\nNhấn **Run**. Dòng chữ xuất hiện ở khung bên phải: bạn vừa viết chương trình đầu tiên!\n\nHàm `print` in ra màn hình những gì nằm trong ngoặc. Hãy thử in tên của bạn và tên trường của bạn trên hai dòng." },
      ] },
      { vi: "Biến và dữ liệu", en: "Variables and data", lessons: [
        { vi: "Biến là gì?", en: "What is a variable?", min: 15,
          md: "## Biến: chiếc hộp có tên\n\nBiến giống như một chiếc hộp có dán nhãn. Ta đặt dữ liệu vào hộp để dùng lại sau:\n\n```python\nten = \"Lan\"\ntuoi = 13\nprint(ten, \"năm nay\", tuoi, \"tuổi\")\n```\n\nTên biến nên ngắn, có nghĩa, không dấu và không có khoảng trắng, ví dụ `diem_toan`.\n\n### Các kiểu dữ liệu hay gặp\n\n- `int`: số nguyên, ví dụ `13`\n- `float`: số thực, ví dụ `8.5`\n- `str`: chuỗi ký tự, ví dụ `\"Bình Dương\"`\n- `bool`: `True` hoặc `False`",
          quiz: [
            { vi: "Tên biến nào hợp lệ trong Python?", en: "Which variable name is valid in Python?", kind: "single", options: [["diem_toan", true], ["điểm toán", false], ["2diem", false]] },
            { vi: "Những giá trị nào là số (int hoặc float)?", en: "Which values are numbers (int or float)?", kind: "multiple", options: [["13", true], ["8.5", true], ["\"13\"", false], ["True", false]] },
          ] },
        { vi: "Nhập và xuất dữ liệu", en: "Input and output", min: 15,
          md: "## Hỏi người dùng\n\nHàm `input` hỏi người dùng và trả về một **chuỗi**:\n\n```python\nten = input(\"Bạn tên gì? \")\nprint(\"Chào\", ten)\n```\n\nMuốn làm phép tính, hãy đổi chuỗi thành số bằng `int()`:\n\n```python\nnam_sinh = int(input(\"Năm sinh của bạn: \"))\nprint(\"Năm 2030 bạn\", 2030 - nam_sinh, \"tuổi\")\n```" },
      ] },
      { vi: "Điều kiện và vòng lặp", en: "Conditions and loops", lessons: [
        { vi: "Câu lệnh if", en: "The if statement", min: 15,
          md: "## Ra quyết định với `if`\n\n```python\ndiem = float(input(\"Điểm của bạn: \"))\nif diem >= 8:\n    print(\"Giỏi!\")\nelif diem >= 6.5:\n    print(\"Khá\")\nelse:\n    print(\"Cố gắng thêm nhé\")\n```\n\nChú ý dấu hai chấm `:` và phần **thụt lề** 4 dấu cách: Python dùng thụt lề để biết lệnh nào thuộc khối `if`." },
        { vi: "Vòng lặp for và while", en: "for and while loops", min: 20,
          md: "## Lặp lại công việc\n\nVòng lặp `for` chạy một số lần biết trước:\n\n```python\nfor i in range(1, 6):\n    print(\"Lần thứ\", i)\n```\n\nVòng lặp `while` chạy khi điều kiện còn đúng:\n\n```python\nso = 10\nwhile so > 0:\n    print(so)\n    so = so - 3\n```\n\nHãy cẩn thận: nếu điều kiện luôn đúng, chương trình sẽ chạy mãi không dừng!",
          quiz: [
            { vi: "range(1, 4) tạo ra những số nào?", en: "Which numbers does range(1, 4) give?", kind: "single", options: [["1, 2, 3", true], ["1, 2, 3, 4", false], ["0, 1, 2, 3", false]] },
            { vi: "Python dùng gì để biết lệnh nào thuộc khối if?", en: "How does Python know which lines belong to an if?", kind: "single", options: [["Thụt lề", true], ["Dấu ngoặc nhọn {}", false], ["Dấu chấm phẩy", false]] },
            { vi: "Những vòng lặp nào sẽ dừng?", en: "Which loops will stop?", kind: "multiple", options: [["for i in range(3): print(i)", true], ["while True: print(1)", false], ["n = 3, rồi while n > 0: n = n - 1", true]] },
          ] },
      ] },
      { vi: "Dự án nhỏ", en: "Mini project", lessons: [
        { vi: "Trò chơi đoán số", en: "Guess the number", min: 30,
          md: "## Trò chơi đoán số\n\nMáy nghĩ một số từ 1 đến 100, bạn đoán cho đến khi đúng:\n\n```python\nimport random\nbi_mat = random.randint(1, 100)\nso_lan = 0\nwhile True:\n    doan = int(input(\"Đoán đi: \"))\n    so_lan += 1\n    if doan < bi_mat:\n        print(\"Lớn hơn!\")\n    elif doan > bi_mat:\n        print(\"Nhỏ hơn!\")\n    else:\n        print(\"Đúng rồi sau\", so_lan, \"lần!\")\n        break\n```\n\n**Thử thách:** giới hạn 7 lần đoán và thông báo thua cuộc nếu hết lượt." },
        { vi: "Đọc thêm: vẽ hình với turtle", en: "Extra: drawing with turtle", min: 15, optional: true,
          md: "## Vẽ với con rùa\n\nThư viện `turtle` cho bạn điều khiển một \"con rùa\" vẽ trên màn hình:\n\n```python\nimport turtle\nt = turtle.Turtle()\nfor _ in range(4):\n    t.forward(100)\n    t.left(90)\n```\n\nĐổi 4 thành 6 và góc 90 thành 60 để vẽ lục giác." },
      ] },
    ],
  },
  {
    form: {
      slug: "nhap-mon-iot-voi-arduino", titleVi: "Nhập môn IoT với Arduino", titleEn: "Introduction to IoT with Arduino",
      summaryVi: "Từ đèn LED nhấp nháy đến cảm biến gửi dữ liệu lên mạng. Khóa học dành cho các lớp ghi danh cùng giáo viên.", summaryEn: "From a blinking LED to a sensor online. For classes enrolled by their teacher.",
      descriptionVi: "Khóa học kết hợp học trực tuyến và thực hành tại fab lab của trung tâm. Giáo viên ghi danh cả lớp; học sinh học lý thuyết trên mạng rồi lắp mạch tại trung tâm.",
      gradeMin: 8, gradeMax: 12, topics: "iot, điện tử, arduino", enrolmentMode: "class_only", estimatedHours: 8,
    },
    modules: [
      { vi: "IoT quanh ta", en: "IoT around us", lessons: [
        { vi: "Internet vạn vật là gì?", en: "What is the Internet of Things?", min: 10,
          md: "## Internet vạn vật (IoT)\n\nIoT là các **đồ vật có cảm biến và kết nối mạng**: đồng hồ thông minh, hệ thống tưới cây tự động, cảm biến đo mực nước ở đường ngập.\n\nMột hệ thống IoT thường có ba phần:\n\n1. **Cảm biến** đo thế giới thật (nhiệt độ, ánh sáng, độ ẩm)\n2. **Bộ xử lý** (như Arduino, ESP32) quyết định làm gì\n3. **Kết nối** gửi dữ liệu lên mạng để người dùng theo dõi",
          mdEn: "## The Internet of Things\n\nIoT means **objects with sensors and a network connection**: smart watches, automatic plant watering, flood sensors. A system has sensors, a processor and a connection." },
        { vi: "Làm quen bo mạch Arduino", en: "Meet the Arduino board", min: 15,
          md: "## Bo mạch Arduino Uno\n\nArduino Uno có các **chân số** (0–13) để bật/tắt thiết bị và các **chân tương tự** (A0–A5) để đọc cảm biến.\n\nChương trình Arduino có hai phần:\n\n```cpp\nvoid setup() {\n  // chạy một lần khi bật nguồn\n}\nvoid loop() {\n  // lặp lại mãi mãi\n}\n```\n\nBạn viết chương trình trên máy tính bằng Arduino IDE rồi nạp xuống bo qua cáp USB." },
      ] },
      { vi: "Mạch điện đầu tiên", en: "First circuits", lessons: [
        { vi: "Đèn LED nhấp nháy", en: "Blinking LED", min: 20,
          md: "## Đèn LED nhấp nháy\n\nNối chân dài của LED vào chân số 13 qua **điện trở 220 Ω**, chân ngắn vào GND. Sau đó nạp chương trình:\n\n```cpp\nvoid setup() { pinMode(13, OUTPUT); }\nvoid loop() {\n  digitalWrite(13, HIGH);\n  delay(500);\n  digitalWrite(13, LOW);\n  delay(500);\n}\n```\n\nĐiện trở giúp giới hạn dòng điện để LED không bị cháy." },
        { vi: "Đọc cảm biến nhiệt độ", en: "Reading a temperature sensor", min: 20,
          md: "## Cảm biến nhiệt độ LM35\n\nLM35 cho điện áp tăng 10 mV cho mỗi độ C. Nối chân giữa vào A0 và đọc:\n\n```cpp\nvoid loop() {\n  int giaTri = analogRead(A0);\n  float doC = giaTri * 500.0 / 1023.0;\n  Serial.println(doC);\n  delay(1000);\n}\n```\n\nMở **Serial Monitor** để xem nhiệt độ phòng học.",
          quiz: [
            { vi: "Vì sao cần điện trở khi nối LED?", en: "Why does an LED need a resistor?", kind: "single", options: [["Để giới hạn dòng điện, tránh cháy LED", true], ["Để LED sáng hơn", false], ["Để đổi màu LED", false]] },
            { vi: "Hàm nào thuộc chương trình Arduino?", en: "Which functions belong to an Arduino sketch?", kind: "multiple", options: [["setup()", true], ["loop()", true], ["print()", false]] },
          ] },
      ] },
      { vi: "Kết nối Internet", en: "Going online", lessons: [
        { vi: "Gửi dữ liệu lên mạng với ESP32", en: "Sending data with ESP32", min: 25,
          md: "## ESP32: Arduino có Wi-Fi\n\nESP32 lập trình giống Arduino nhưng có sẵn Wi-Fi. Sau khi kết nối mạng, bo mạch có thể gửi nhiệt độ lên một bảng điều khiển (dashboard) mỗi phút.\n\nTại fab lab, bạn sẽ dùng bảng điều khiển của trung tâm để xem dữ liệu của cả lớp trên cùng một biểu đồ." },
        { vi: "An toàn điện khi thực hành", en: "Electrical safety", min: 10, optional: true,
          md: "## Quy tắc an toàn\n\n- Luôn **ngắt nguồn** trước khi cắm hoặc rút dây\n- Không nối trực tiếp 5V với GND\n- Không dùng điện lưới 220V với bo mạch\n- Báo ngay cho người hướng dẫn nếu linh kiện nóng bất thường" },
      ] },
    ],
  },
  {
    form: {
      slug: "khoi-nghiep-doi-moi-sang-tao", titleVi: "Khởi nghiệp đổi mới sáng tạo", titleEn: "Innovation and entrepreneurship",
      summaryVi: "Biến một vấn đề quanh bạn thành ý tưởng, mô hình và bài trình bày 3 phút.", summaryEn: "Turn a problem around you into an idea, a model and a 3-minute pitch.",
      descriptionVi: "Khóa học ngắn của không gian khởi nghiệp tại trung tâm, dành cho học sinh THCS và THPT muốn tham gia các cuộc thi ý tưởng khởi nghiệp.",
      gradeMin: 8, gradeMax: 12, topics: "khởi nghiệp, đổi mới sáng tạo", enrolmentMode: "open", estimatedHours: 4,
    },
    modules: [
      { vi: "Tư duy khởi nghiệp", en: "The startup mindset", lessons: [
        { vi: "Khởi nghiệp đổi mới sáng tạo là gì?", en: "What is an innovative startup?", min: 10,
          md: "## Khởi nghiệp đổi mới sáng tạo\n\nKhởi nghiệp đổi mới sáng tạo là **giải một vấn đề thật bằng cách làm mới**, có thể phát triển lớn. Không cần đợi lớn mới bắt đầu: nhiều dự án của học sinh đã giải quyết vấn đề ở chính trường mình.\n\nTinh thần quan trọng nhất: **thử nhanh, học từ sai lầm**.",
          mdEn: "## Innovative startups\n\nAn innovative startup **solves a real problem in a new way** and can grow. Students can start now: try fast and learn from mistakes." },
        { vi: "Tìm vấn đề đáng giải quyết", en: "Finding a problem worth solving", min: 15,
          md: "## Bắt đầu từ vấn đề, không phải từ sản phẩm\n\nHãy quan sát một tuần quanh bạn: ở trường, ở nhà, trên đường. Ghi lại ít nhất **10 điều gây khó chịu** cho ai đó.\n\nSau đó chọn một vấn đề theo ba câu hỏi:\n\n1. Ai gặp vấn đề này? Nhiều người không?\n2. Họ đang giải quyết nó thế nào?\n3. Bạn có hiểu rõ và có thể thử nghiệm giải pháp không?" },
      ] },
      { vi: "Từ ý tưởng đến mô hình", en: "From idea to model", lessons: [
        { vi: "Thấu hiểu người dùng", en: "Understanding users", min: 15,
          md: "## Phỏng vấn người dùng\n\nHỏi về **trải nghiệm thật**, không hỏi \"bạn có thích ý tưởng của mình không?\". Ví dụ: \"Lần gần nhất bạn gặp chuyện này là khi nào? Bạn đã làm gì?\".\n\nPhỏng vấn ít nhất 5 người, ghi lại lời họ nói, rồi tìm điểm chung." },
        { vi: "Mô hình kinh doanh Canvas", en: "The Business Model Canvas", min: 20,
          md: "## Một trang giấy cho cả ý tưởng\n\nMô hình Canvas có 9 ô; với học sinh, hãy bắt đầu với 4 ô quan trọng:\n\n- **Khách hàng**: ai dùng sản phẩm?\n- **Giá trị**: sản phẩm giúp họ điều gì?\n- **Kênh**: họ biết đến và nhận sản phẩm thế nào?\n- **Chi phí và nguồn thu**: tiền đến từ đâu, đi về đâu?",
          quiz: [
            { vi: "Câu hỏi phỏng vấn nào tốt hơn?", en: "Which interview question is better?", kind: "single", options: [["Lần gần nhất bạn gặp chuyện này, bạn đã làm gì?", true], ["Bạn có thích ý tưởng của mình không?", false]] },
            { vi: "Những ô nào thuộc mô hình Canvas?", en: "Which boxes belong to the Canvas?", kind: "multiple", options: [["Khách hàng", true], ["Giá trị", true], ["Điểm thi", false]] },
          ] },
      ] },
      { vi: "Trình bày ý tưởng", en: "Pitching", lessons: [
        { vi: "Bài trình bày 3 phút", en: "The 3-minute pitch", min: 20,
          md: "## Cấu trúc bài pitch 3 phút\n\n1. **Vấn đề** (30 giây): một câu chuyện thật\n2. **Giải pháp** (60 giây): cho xem mẫu thử\n3. **Bằng chứng** (45 giây): người dùng nói gì\n4. **Đội ngũ và lời kêu gọi** (45 giây): bạn cần gì tiếp theo\n\nTập nói trước gương và bấm giờ. Ít chữ trên slide, nhiều hình ảnh." },
      ] },
    ],
  },
];

async function buildCourse(ctx: SeedContext, c: C) {
  const now = ctx.today;
  const r = await createCourse(ctx.db, { form: c.form, status: "published", now });
  if (!r.ok) throw new Error(`seed: course ${c.form.slug}: ${r.reason}`);
  const programId = r.value;
  const lessons: { id: number; required: boolean }[] = [];
  for (const m of c.modules) {
    const moduleId = await addModule(ctx.db, programId, { titleVi: m.vi, titleEn: m.en });
    for (const l of m.lessons) {
      const id = (await addLesson(ctx.db, programId, { moduleId, titleVi: l.vi, titleEn: l.en, now }))!;
      await updateLesson(ctx.db, id, {
        titleVi: l.vi, titleEn: l.en, contentVi: l.md, contentEn: l.mdEn, estimatedMinutes: l.min, required: !l.optional,
        resources: l.video ? [{ label: l.vi, url: l.video }] : [], now,
      });
      if (l.quiz) {
        await saveQuizSettings(ctx.db, id, { passPercent: 70 });
        for (const q of l.quiz) {
          await addQuestion(ctx.db, id, { promptVi: q.vi, promptEn: q.en, kind: q.kind, options: q.options.map(([label, correct]) => ({ labelVi: label, labelEn: null, correct })) });
        }
      }
      lessons.push({ id, required: !l.optional });
    }
  }
  return { programId, lessons };
}

/** Enrols and marks the first `done` required lessons complete, a day apart, ending `daysAgo` days before today. */
async function progress(ctx: SeedContext, userId: number, course: { programId: number; lessons: { id: number; required: boolean }[] }, done: number, daysAgo: number, source: "self" | "class", complete = false) {
  const required = course.lessons.filter((l) => l.required).slice(0, done);
  const start = addMinutes(ctx.today, -(daysAgo + required.length + 1) * 24 * 60);
  const at = (i: number) => addMinutes(start, (i + 1) * 24 * 60 + 600 + i * 7);
  const last = required.length ? at(required.length - 1) : start;
  await ctx.db
    .insertInto("enrolments")
    .values({
      program_id: course.programId,
      user_id: userId,
      status: "active",
      source,
      enrolled_at: start,
      last_activity_at: last,
      completed_at: complete ? last : null,
      required_done: required.length, // the report's counter, as completeLesson keeps it
    })
    .execute();
  await ctx.db.updateTable("courses").set((eb) => ({ active_count: eb("active_count", "+", 1) })).where("program_id", "=", course.programId).execute();
  if (!required.length) return;
  await ctx.db.insertInto("lesson_completions").values(required.map((l, i) => ({ user_id: userId, lesson_id: l.id, completed_at: at(i) }))).execute();
  // A completed lesson with a quiz means the quiz was passed: record that attempt too, so the data is consistent.
  const quizzes = await ctx.db.selectFrom("quizzes").select(["id", "lesson_id"]).where("lesson_id", "in", required.map((l) => l.id)).execute();
  if (quizzes.length) {
    await ctx.db
      .insertInto("quiz_attempts")
      .values(quizzes.map((q) => ({ user_id: userId, quiz_id: q.id, attempt_number: 1, score_percent: 100, passed: 1, answers: "{}", created_at: at(required.findIndex((l) => l.id === q.lesson_id)) })))
      .execute();
  }
}

export async function seedCourses(ctx: SeedContext): Promise<void> {
  const built = [];
  for (const c of COURSES) built.push(await buildCourse(ctx, c));
  const [py, io, st] = built;
  // student: part-way in two courses; student2: completed the startup course, started Python.
  await progress(ctx, ctx.users.student, py, 3, 1, "self");
  await progress(ctx, ctx.users.student, io, 1, 4, "class");
  await progress(ctx, ctx.users.student2, st, st.lessons.filter((l) => l.required).length, 6, "self", true);
  await progress(ctx, ctx.users.student2, py, 1, 10, "self");
}
